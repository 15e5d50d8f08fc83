using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Whuffie.Web;

namespace Whuffie.Accounts;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Limits.RateLimits.SignUp)]
public sealed class SignUpModel(UserManager<User> users, SignInManager<User> signIn, TimeProvider clock) : FormPage
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

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
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email", error.Description);
            return Invalid();
        }
        await signIn.SignInAsync(user, isPersistent: true);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Password = null;
        return Page();
    }
}
