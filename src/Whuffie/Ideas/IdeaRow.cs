using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Web;

namespace Whuffie.Ideas;

/// <summary>An idea in a list or on the roadmap, and whether the viewer voted (null: not signed in).</summary>
public sealed record IdeaRow(string Org, IdeaSummary Idea, bool? Voted)
{
    public string Url => IdeaUrl(Org, Idea.Number, Idea.Title);

    public static string IdeaUrl(string org, int number, string title) =>
        $"/{org}/ideas/{number}/{Slugs.From(title, 60)}";

    /// <summary>Marks which of the listed ideas the viewer voted for, in one query.</summary>
    public static async Task<List<IdeaRow>> ForViewerAsync(WhuffieDb db, IReadOnlyList<IdeaSummary> ideas, int? viewerId, CancellationToken ct)
    {
        var numbers = ideas.Select(i => i.Number).ToList();
        var voted = viewerId is null ? [] : await db.Votes.AsNoTracking().Where(v => v.UserId == viewerId)
            .Join(db.Ideas.Where(i => numbers.Contains(i.Number)), v => v.IdeaId, i => i.Id, (v, i) => i.Number)
            .ToListAsync(ct);
        return ideas.Select(i => new IdeaRow(db.Tenant.Current.Slug, i, viewerId is null ? null : voted.Contains(i.Number))).ToList();
    }
}
