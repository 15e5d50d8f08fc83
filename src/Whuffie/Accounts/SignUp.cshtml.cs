using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Whuffie.Web;

namespace Whuffie.Accounts;

/// <summary>
/// Sign-up. It does not sign the person in: it sends a confirmation link, and answers the same
/// whether the address is new or already has an account (whose owner is told instead), so the
/// page cannot be used to learn who has an account here.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Limits.RateLimits.SignUp)]
public sealed class SignUpModel(UserManager<User> users, AccountMail mail, TimeProvider clock) : FormPage
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>Set once the form went through: the page then says where the link went.</summary>
    public string? SentTo { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var validation = new Validation()
            .Text("email", Email, 256)
            .Text("displayName", DisplayName, Whuffie.Accounts.User.DisplayNameMaxLength, min: 2)
            .Text("password", Password, 200);
        if (!Accept(validation)) return Invalid();

        var user = new User { UserName = Email!.Trim(), Email = Email.Trim(), DisplayName = DisplayName!.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime };
        var result = await users.CreateAsync(user, Password!);
        if (result.Succeeded) await mail.SendConfirmationAsync(user, HttpContext.RequestAborted);
        else if (result.Errors.All(e => AccountsApi.IsTaken(e.Code)) && await users.FindByEmailAsync(user.Email) is { } owner)
            await mail.SendAlreadyRegisteredAsync(owner, HttpContext.RequestAborted);
        else
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email", error.Description);
            return Invalid();
        }
        SentTo = user.Email;
        Password = null;
        return Page();
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Password = null;
        return Page();
    }
}
