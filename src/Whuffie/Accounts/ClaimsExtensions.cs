using System.Security.Claims;

namespace Whuffie.Accounts;

public static class ClaimsExtensions
{
    /// <summary>The signed-in person's user id, or null for an anonymous visitor.</summary>
    public static int? UserId(this ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
