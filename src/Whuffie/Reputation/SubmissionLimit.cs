using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Organizations;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Reputation;

/// <summary>
/// How many ideas a person may submit to one organization in a rolling day. The limit is what
/// makes "trusted contributor" a perk that matters: it does not slow down anyone with a few real
/// ideas, it stops a flood (a script, a grudge, a copy-paste spree) from burying everyone else's,
/// and staff can lift it for the people they have come to rely on.
/// </summary>
public static class SubmissionLimit
{
    /// <summary>Members: more than anyone with something to say needs in a day, too few to flood the list.</summary>
    public const int PerDay = 5;

    /// <summary>Trusted contributors and staff (who often enter ideas heard at the counter or on the phone).</summary>
    public const int PerDayTrusted = 25;

    /// <summary>Rolling, not per calendar day, so there is no midnight to wait for and no burst just after it.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>The person's limit in the current organization (platform admins count as staff everywhere). One query: submitting is a measured path.</summary>
    public static async Task<int> ForAsync(WhuffieDb db, int userId, CancellationToken ct)
    {
        var generous = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => u.IsPlatformAdmin || db.Memberships.Any(m => m.UserId == u.Id && (m.Trusted || m.Role >= OrgRole.Staff)))
            .FirstOrDefaultAsync(ct);
        return generous ? PerDayTrusted : PerDay;
    }

    /// <summary>
    /// Null while the person may submit; otherwise the moment they may again: when the
    /// <paramref name="limit"/>-th most recent of their ideas here leaves the window.
    /// </summary>
    public static async Task<DateTime?> NextAllowedAsync(WhuffieDb db, int userId, int limit, DateTime now, CancellationToken ct)
    {
        var since = now - Window;
        var oldestCounted = await db.Ideas.AsNoTracking()
            .Where(i => i.AuthorId == userId && i.CreatedAt > since)
            .OrderByDescending(i => i.CreatedAt).Select(i => (DateTime?)i.CreatedAt)
            .Skip(limit - 1).FirstOrDefaultAsync(ct);
        return oldestCounted + Window;
    }

    /// <summary>429 with a sentence that says how long to wait; Retry-After says it to programs.</summary>
    public static ProblemHttpResult Refusal(HttpContext http, int limit, DateTime nextAllowed, DateTime now)
    {
        var wait = nextAllowed - now;
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (h, m) = (minutes / 60, minutes % 60);
        var inTime = h == 0 ? T("Limit.Minutes", m) : m == 0 ? T("Limit.Hours", h) : T("Limit.HoursMinutes", h, m);
        return Problems.TooManyRequests(T("Limit.Reached", limit, inTime));
    }
}
