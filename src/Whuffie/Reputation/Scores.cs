using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Launches;

namespace Whuffie.Reputation;

/// <summary>What one person has earned in an organization (or the installation), rule by rule.</summary>
public sealed record Tally(int Ideas, int VotesReceived, int Reached, int Launched, int HelpedYes, int HelpedPartly, int HelpfulComments)
{
    public static readonly Tally None = new(0, 0, 0, 0, 0, 0, 0);

    public int Score =>
        Ideas * Scores.IdeaPoints
        + VotesReceived * Scores.VotePoints
        + Reached * Scores.ReachedPoints
        + Launched * Scores.LaunchedPoints
        + HelpedYes * Scores.HelpedYesPoints
        + HelpedPartly * Scores.HelpedPartlyPoints
        + HelpfulComments * Scores.HelpfulCommentPoints;
}

/// <summary>A person's score and level in the current organization, and whether staff made them a trusted contributor.</summary>
public sealed record Standing(int Score, Level Level, bool Trusted)
{
    public static Standing Of(int score, bool trusted) => new(score, Levels.For(score), trusted);
}

/// <summary>
/// Whuffie: reputation earned by what a person's ideas and words did for the organization, never
/// by volume (voting and commenting earn nothing by themselves). The rules and their reasons are
/// in docs/whuffie.md. Scores are computed when asked, from the rows that already say what
/// happened, with the same handful of grouped queries whether for one person or a page of fifty;
/// a stored score would be one more thing to keep right on every vote, merge and status change.
/// </summary>
public static class Scores
{
    public const int IdeaPoints = 5;
    public const int VotePoints = 1;
    public const int ReachedPoints = 15;
    public const int LaunchedPoints = 50;
    public const int HelpedYesPoints = 3;
    public const int HelpedPartlyPoints = 1;
    public const int HelpfulCommentPoints = 10;

    /// <summary>Score, level and trust of each person in the current organization (everyone asked for is in the answer).</summary>
    public static async Task<IReadOnlyDictionary<int, Standing>> ForAsync(WhuffieDb db, IReadOnlyCollection<int> userIds, CancellationToken ct)
    {
        if (userIds.Count == 0) return new Dictionary<int, Standing>();
        var ids = userIds.Distinct().ToList();
        var tallies = await TalliesAsync(db, ids, everywhere: false, ct);
        var trusted = await db.Memberships.AsNoTracking().Where(m => ids.Contains(m.UserId) && m.Trusted)
            .Select(m => m.UserId).ToListAsync(ct);
        return ids.ToDictionary(id => id, id => Standing.Of(tallies.GetValueOrDefault(id, Tally.None).Score, trusted.Contains(id)));
    }

    /// <summary>Each person's score summed over every organization on the installation.</summary>
    public static async Task<IReadOnlyDictionary<int, int>> AcrossInstallationAsync(WhuffieDb db, IReadOnlyCollection<int> userIds, CancellationToken ct)
    {
        var tallies = await TalliesAsync(db, userIds, everywhere: true, ct);
        return userIds.Distinct().ToDictionary(id => id, id => tallies.GetValueOrDefault(id, Tally.None).Score);
    }

    /// <summary>
    /// The counts behind the scores, in four grouped queries. <paramref name="everywhere"/> lifts the
    /// tenant filter: every rule counts rows of one organization at a time, so summing over all of
    /// them is the installation's score.
    /// </summary>
    public static async Task<Dictionary<int, Tally>> TalliesAsync(WhuffieDb db, IReadOnlyCollection<int> userIds, bool everywhere, CancellationToken ct)
    {
        if (userIds.Count == 0) return [];
        var ids = userIds.Distinct().ToList();
        IQueryable<T> From<T>(DbSet<T> set) where T : class =>
            everywhere ? set.IgnoreQueryFilters([WhuffieDb.TenantFilter]).AsNoTracking() : set.AsNoTracking();

        // A duplicate earns nothing: its voters were carried over to the original, which earns for them.
        var ideas = From(db.Ideas).Where(i => ids.Contains(i.AuthorId) && i.Status != IdeaStatus.Duplicate);
        var changes = From(db.StatusChanges);

        var own = await ideas.GroupBy(i => i.AuthorId).Select(g => new
        {
            AuthorId = g.Key,
            Ideas = g.Count(),
            // Reached "planned or further" at some point, so a step staff skip costs the author nothing
            // and a plan later dropped still counts; once per idea whatever the back and forth.
            Reached = g.Count(i => i.Status == IdeaStatus.Planned || i.Status == IdeaStatus.InProgress || i.Status == IdeaStatus.Launched
                || changes.Any(s => s.IdeaId == i.Id && (s.To == IdeaStatus.Planned || s.To == IdeaStatus.InProgress || s.To == IdeaStatus.Launched))),
            Launched = g.Count(i => i.Status == IdeaStatus.Launched),
        }).ToListAsync(ct);

        // Only other people's votes and answers count: your own say nothing about your idea.
        var votes = await (from v in From(db.Votes)
                           join i in ideas on v.IdeaId equals i.Id
                           where v.UserId != i.AuthorId
                           group v by i.AuthorId into g
                           select new { AuthorId = g.Key, Count = g.Count() }).ToListAsync(ct);

        var helped = await (from h in From(db.HelpAnswers)
                            join i in ideas on h.IdeaId equals i.Id
                            where i.Status == IdeaStatus.Launched && h.UserId != i.AuthorId
                            group h by i.AuthorId into g
                            select new
                            {
                                AuthorId = g.Key,
                                Yes = g.Count(h => h.Answer == Helped.Yes),
                                Partly = g.Count(h => h.Answer == Helped.Partly),
                            }).ToListAsync(ct);

        var helpful = await From(db.Comments).Where(c => ids.Contains(c.AuthorId) && c.MarkedHelpful)
            .GroupBy(c => c.AuthorId).Select(g => new { AuthorId = g.Key, Count = g.Count() }).ToListAsync(ct);

        var tallies = new Dictionary<int, Tally>();
        Tally Of(int id) => tallies.GetValueOrDefault(id, Tally.None);
        foreach (var o in own) tallies[o.AuthorId] = Of(o.AuthorId) with { Ideas = o.Ideas, Reached = o.Reached, Launched = o.Launched };
        foreach (var v in votes) tallies[v.AuthorId] = Of(v.AuthorId) with { VotesReceived = v.Count };
        foreach (var h in helped) tallies[h.AuthorId] = Of(h.AuthorId) with { HelpedYes = h.Yes, HelpedPartly = h.Partly };
        foreach (var c in helpful) tallies[c.AuthorId] = Of(c.AuthorId) with { HelpfulComments = c.Count };
        return tallies;
    }
}
