using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Whuffie.Data;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Accounts;

/// <summary>
/// Until a person confirms their email address they may read, sign in and follow, but not post,
/// vote or comment: each of those emails followers and staff, and an unproved address is how a
/// stranger could make us mail someone else (decision 010). Refused with a message saying why
/// and what to do, rather than held: nothing waits unseen.
/// </summary>
public static class EmailConfirmation
{
    /// <summary>Present in the sign-in while the address is unconfirmed: the pages show the banner from it without a query.</summary>
    public const string UnconfirmedClaim = "whuffie:unconfirmed";

    /// <summary>The refusal to answer, or null once confirmed. Read from the database, since a sign-in made before confirming still says unconfirmed.</summary>
    public static async Task<ProblemHttpResult?> RefusalAsync(WhuffieDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var id = user.UserId();
        if (id is null || !user.HasClaim(c => c.Type == UnconfirmedClaim)) return null;
        return await db.Users.AnyAsync(u => u.Id == id && u.EmailConfirmed, ct) ? null : Problems.Forbidden(T("Account.ConfirmFirst"));
    }

    public static bool IsUnconfirmed(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == UnconfirmedClaim);

    /// <summary>Adds <see cref="UnconfirmedClaim"/> to cookies and bearer tokens made for an unconfirmed account.</summary>
    public sealed class Claims(UserManager<User> users, IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<User>(users, options)
    {
        protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
        {
            var identity = await base.GenerateClaimsAsync(user);
            if (!user.EmailConfirmed) identity.AddClaim(new Claim(UnconfirmedClaim, "true"));
            return identity;
        }
    }
}
