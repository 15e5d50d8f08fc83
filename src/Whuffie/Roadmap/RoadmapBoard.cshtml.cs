using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Organizations;
using Whuffie.Web;

namespace Whuffie.Roadmap;

/// <summary>The way from idea to realization at a glance: one column per step, most wanted first.</summary>
[OutputCache(PolicyName = PagesSetup.AnonymousPolicy)]
public sealed class RoadmapBoardModel(WhuffieDb db, TimeProvider clock) : OrgPage(db)
{
    public static readonly IdeaStatus[] Columns = [IdeaStatus.UnderReview, IdeaStatus.Planned, IdeaStatus.InProgress, IdeaStatus.Launched];

    /// <summary>Launched ideas stay on the board this long; older ones are in the list under "launched".</summary>
    public const int LaunchedRecentlyDays = 90;
    private const int PerColumn = 50;

    public Dictionary<IdeaStatus, List<IdeaRow>> Board { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-LaunchedRecentlyDays);
        var categories = await CategoriesAsync(ct);
        foreach (var status in Columns)
        {
            var ideas = Db.Ideas.AsNoTracking().Where(i => i.Status == status);
            if (status == IdeaStatus.Launched) ideas = ideas.Where(i => i.UpdatedAt >= since);
            var summaries = await Db.SummariesAsync(ideas.OrderByDescending(i => i.VoteCount).ThenByDescending(i => i.Number),
                categories, 0, PerColumn, ct);
            Board[status] = await IdeaRow.ForViewerAsync(Db, summaries, UserId, ct);
        }
    }
}
