using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Accounts;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Limits.RateLimits.SignIn)]
public sealed class SignInModel(SignInManager<User> signIn) : FormPage
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    // Unticked: on a library's shared PC the next visitor would otherwise find the account open.
    [BindProperty] public bool Remember { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

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
}
