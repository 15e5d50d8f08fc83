using Microsoft.AspNetCore.Identity;
using static Whuffie.Web.Text;

namespace Whuffie.Accounts;

/// <summary>Identity's refusals in the person's language, for sign-up on the pages and the API alike.</summary>
public sealed class IdentityTexts : IdentityErrorDescriber
{
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = T("Identity.DuplicateEmail", email) };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = T("Identity.DuplicateEmail", userName) };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = T("Identity.InvalidEmail") };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = T("Identity.InvalidEmail") };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = T("Identity.PasswordTooShort", length) };
}
