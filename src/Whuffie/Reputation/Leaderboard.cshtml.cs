using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Organizations;
using Whuffie.Web;

namespace Whuffie.Reputation;

public sealed record LeaderboardRow(int Rank, PersonLink Person, int Score);

/// <summary>
/// /{org}/leaderboard: the highest scores here, among people who chose to be shown (on /me).
/// Nobody is ranked in public without asking for it.
/// </summary>
[OutputCache(PolicyName = PagesSetup.AnonymousPolicy)]
public sealed class LeaderboardModel(WhuffieDb db) : OrgPage(db)
{
    public const int Size = 20;

    public List<LeaderboardRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var people = await Db.Memberships.AsNoTracking().Where(m => m.User!.ShowOnLeaderboard)
            .Select(m => new { m.UserId, m.User!.DisplayName, m.Trusted }).ToListAsync(ct);
        var tallies = await Scores.TalliesAsync(Db, people.Select(p => p.UserId).ToList(), everywhere: false, ct);
        var ranked = people
            .Select(p => (p.UserId, p.DisplayName, p.Trusted, Score: tallies.GetValueOrDefault(p.UserId, Tally.None).Score))
            .OrderByDescending(p => p.Score).ThenBy(p => p.DisplayName, StringComparer.CurrentCulture).ThenBy(p => p.UserId)
            .Take(Size).ToList();
        // Equal scores share a rank (1, 2, 2, 4): the order among them is only alphabetical.
        Rows = ranked.Select(p => new LeaderboardRow(1 + ranked.Count(o => o.Score > p.Score),
            new PersonLink(Org.Slug, new UserRef(p.UserId, p.DisplayName), Standing.Of(p.Score, p.Trusted)), p.Score)).ToList();
    }
}
