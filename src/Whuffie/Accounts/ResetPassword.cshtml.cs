using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Accounts;

/// <summary>
/// Where the reset link lands: choose a new password. The link works once (the reset changes the
/// security stamp its token is bound to) and for <see cref="TimedTokens.ResetLifetime"/>. It also
/// confirms the address, since only its holder could open the link. The new security stamp ends
/// sign-in cookies elsewhere at their next check and stops refresh tokens.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Limits.RateLimits.PasswordReset)]
public sealed class ResetPasswordModel(UserManager<User> users) : FormPage
{
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; }

    public bool Done { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Accept(new Validation().Text("password", Password, 200))) return Invalid();
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        var token = AccountMail.Decode(Code);
        // An unknown address and a spent or expired link get the same answer.
        var result = user is null || token is null ? IdentityResult.Failed(users.ErrorDescriber.InvalidToken()) : await users.ResetPasswordAsync(user, token, Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                if (error.Code.StartsWith("Password", StringComparison.Ordinal)) ModelState.AddModelError("password", error.Description);
                else Refusal = T("Reset.Invalid");
            return Invalid();
        }
        if (!user!.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }
        Done = true;
        return Page();
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Password = null;
        return Page();
    }
}
