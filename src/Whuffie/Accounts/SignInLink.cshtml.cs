using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Accounts;

/// <summary>
/// Where the emailed sign-in link lands. Opening it only shows a button: mail scanners fetch the
/// links in an email before the person does, and a GET that signed in would spend the link on
/// the scanner. Pressing the button signs in on this device and spends the link.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Limits.RateLimits.MagicLink)]
public sealed class SignInLinkModel(SignInManager<User> signIn, SignInLinks links) : FormPage
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await links.IsValidAsync(Token, HttpContext.RequestAborted) ? Page() : Refused();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await links.RedeemLinkAsync(Token, HttpContext.RequestAborted) is not { } user) return Refused();
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect("/");
    }

    private PageResult Refused()
    {
        Refusal = T("SignInLink.Invalid");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
