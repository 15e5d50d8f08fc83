using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Accounts;

/// <summary>
/// Sign in with a password, or without one (<see cref="SignInLinks"/>): <see cref="OnPostLinkAsync"/>
/// emails a link and a code, <see cref="OnPostCodeAsync"/> takes the code. Both answer the same
/// whatever the address.
/// Every post here counts against the sign-in limit (a page carries one policy), links and codes too.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Limits.RateLimits.SignIn)]
public sealed class SignInModel(SignInManager<User> signIn, SignInLinks links) : FormPage
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    // Unticked: on a library's shared PC the next visitor would otherwise find the account open.
    [BindProperty] public bool Remember { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Code { get; set; }

    /// <summary>A link was asked for: show the code form.</summary>
    public bool LinkSent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email)) ModelState.AddModelError("email", T("Validation.Required"));
        if (string.IsNullOrEmpty(Password)) ModelState.AddModelError("password", T("Validation.Required"));
        if (ModelState.ErrorCount == 0)
        {
            var result = await signIn.PasswordSignInAsync(Email!.Trim(), Password!, Remember, lockoutOnFailure: true);
            if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            // One refusal whether the account is unknown, the password wrong or the account locked:
            // a different one would tell a stranger which addresses have accounts here.
            Refusal = T("SignIn.Failed");
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>"Email me a sign-in link".</summary>
    public async Task<IActionResult> OnPostLinkAsync()
    {
        if (!Accept(new Validation().Text("linkEmail", Email, 256)))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await links.SendAsync(Email!, HttpContext.RequestAborted);
        LinkSent = true;
        return Page();
    }

    /// <summary>The code from the email, typed on whichever device.</summary>
    public async Task<IActionResult> OnPostCodeAsync()
    {
        if (await links.RedeemCodeAsync(Email, Code, HttpContext.RequestAborted) is { } user)
        {
            await signIn.SignInAsync(user, isPersistent: false);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        LinkSent = true;
        ModelState.AddModelError("code", T("SignIn.CodeInvalid"));
        Code = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
