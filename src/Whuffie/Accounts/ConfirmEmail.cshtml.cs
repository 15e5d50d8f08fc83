using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Accounts;

/// <summary>
/// The link in the confirmation email lands here and confirms at once (opening it is the proof);
/// a signed-in person whose address is not confirmed yet can ask for the link again. Confirming
/// does not sign anyone in: the link may have been opened on someone else's computer.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Limits.RateLimits.PasswordReset)]
public sealed class ConfirmEmailModel(UserManager<User> users, SignInManager<User> signIn, AccountMail mail) : FormPage
{
    public bool Confirmed { get; private set; }
    public bool Resent { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? userId, string? code, string? changedEmail)
    {
        var token = AccountMail.Decode(code);
        var user = token is null || userId is null ? null : await users.FindByIdAsync(userId);
        var result = user is null ? null
            : changedEmail is null ? await users.ConfirmEmailAsync(user, token!)
            : await ChangeEmailAsync(user, changedEmail, token!);
        if (result is not { Succeeded: true })
        {
            Refusal = T("Confirm.Invalid");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Confirmed = true;
        // This browser's sign-in still says "unconfirmed"; a fresh one drops the banner.
        if (User.UserId() == user!.Id) await signIn.RefreshSignInAsync(user);
        return Page();
    }

    /// <summary>Sends the link again to the signed-in person's own address.</summary>
    public async Task<IActionResult> OnPostResendAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } user) return Challenge();
        if (!user.EmailConfirmed) await mail.SendConfirmationAsync(user, HttpContext.RequestAborted);
        Resent = true;
        return Page();
    }

    /// <summary>As Identity's API confirms a changed address: the user name follows the email.</summary>
    private async Task<IdentityResult> ChangeEmailAsync(User user, string email, string token)
    {
        var changed = await users.ChangeEmailAsync(user, email, token);
        return changed.Succeeded ? await users.SetUserNameAsync(user, email) : changed;
    }
}
