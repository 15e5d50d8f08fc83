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
    [BindProperty] public bool Remember { get; set; } = true;
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
            Refusal = T(result.IsLockedOut ? "SignIn.LockedOut" : "SignIn.Failed");
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
