using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Whuffie.Web;

namespace Whuffie.Accounts;

/// <summary>
/// "Forgot password?": sends a reset link to the address if it has an account. The page says the
/// same whatever the address, so it tells nobody who has an account here.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Limits.RateLimits.PasswordReset)]
public sealed class ForgotPasswordModel(UserManager<User> users, AccountMail mail) : FormPage
{
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Accept(new Validation().Text("email", Email, 256)))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (await users.FindByEmailAsync(Email!.Trim()) is { } user) await mail.SendResetAsync(user, HttpContext.RequestAborted);
        Sent = true;
        return Page();
    }
}
