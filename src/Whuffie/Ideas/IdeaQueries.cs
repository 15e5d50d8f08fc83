using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Categories;
using Whuffie.Data;
using static Whuffie.Web.Text;

namespace Whuffie.Ideas;

public static class IdeaQueries
{
    /// <summary>
    /// The ideas of a filtered, sorted (and usually paged) query as summaries. Lists are the
    /// hottest reads, so this is one plain query on the ideas and their authors: the category
    /// names come from <paramref name="categories"/> (cached), and the numbers of the originals
    /// that duplicates point at from a second query only when the page has duplicates.
    /// <paramref name="ideas"/> is filtered and sorted; skip and take choose the window.
    /// </summary>
    public static async Task<List<IdeaSummary>> SummariesAsync(this WhuffieDb db, IQueryable<Idea> ideas,
        IReadOnlyList<CategoryEntry> categories, int skip, int take, CancellationToken ct) =>
        await db.SummariesAsync(await ideas.ListedAsync(skip, take, ct), categories, ct);

    internal static Task<List<Listed>> ListedAsync(this IQueryable<Idea> ideas, int skip, int take, CancellationToken ct) =>
        // Projected before the window, so the SQL is one flat SELECT … JOIN … LIMIT, which SQLite
        // prepares and runs in half the time of a LIMIT in a subquery joined afterwards.
        ideas.Select(i => new Listed(i.Number, i.Title, i.Body, i.Status, i.CategoryId, i.AuthorId,
            i.Author!.DisplayName, i.VoteCount, i.CommentCount, i.TrendScore, i.CreatedAt, i.UpdatedAt, i.DuplicateOfId, i.Id))
            .Skip(skip).Take(take).ToListAsync(ct);

    internal static async Task<List<IdeaSummary>> SummariesAsync(this WhuffieDb db, List<Listed> rows,
        IReadOnlyList<CategoryEntry> categories, CancellationToken ct)
    {
        var originalIds = rows.Where(r => r.DuplicateOfId is not null).Select(r => r.DuplicateOfId!.Value).Distinct().ToList();
        var originals = originalIds.Count == 0 ? [] : await db.Ideas.AsNoTracking().Where(i => originalIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Number }).ToDictionaryAsync(i => i.Id, i => i.Number, ct);
        var categoryById = categories.ToDictionary(c => c.Id, c => new CategoryRef(c.Slug, c.Name));

        return rows.Select(r => new IdeaSummary(r.Number, r.Title, r.Body, r.Status,
            r.CategoryId is { } c ? categoryById.GetValueOrDefault(c) : null,
            new UserRef(r.AuthorId, r.AuthorName), r.VoteCount, r.CommentCount, r.CreatedAt, r.UpdatedAt,
            r.DuplicateOfId is { } d ? originals.GetValueOrDefault(d) : null)).ToList();
    }

    /// <summary>A listed idea's columns; the sort keys among them make its <see cref="IdeaCursor"/>.</summary>
    internal sealed record Listed(int Number, string Title, string Body, IdeaStatus Status, int? CategoryId, int AuthorId,
        string AuthorName, int VoteCount, int CommentCount, double TrendScore, DateTime CreatedAt, DateTime UpdatedAt, int? DuplicateOfId, int Id);

    /// <summary>The idea's row id by its number in the current organization.</summary>
    public static Task<Idea?> FindAsync(this WhuffieDb db, int number, CancellationToken ct) =>
        db.Ideas.FirstOrDefaultAsync(i => i.Number == number, ct);

    public static string NotFoundText(this WhuffieDb db, int number) =>
        T("Ideas.NotFound", db.Tenant.Current.Name, number);

    public static async Task<IdeaDetails?> DetailsAsync(this WhuffieDb db, int number, int? viewerId, CancellationToken ct)
    {
        var idea = await db.Ideas.AsNoTracking().Where(i => i.Number == number)
            .Select(i => new
            {
                i.Id,
                i.Number,
                i.Title,
                i.Body,
                i.BodyHtml,
                i.Status,
                Category = i.Category == null ? null : new CategoryRef(i.Category.Slug, i.Category.Name),
                Author = new UserRef(i.AuthorId, i.Author!.DisplayName),
                i.VoteCount,
                i.CommentCount,
                i.CreatedAt,
                i.UpdatedAt,
                DuplicateOf = i.DuplicateOf == null ? (int?)null : i.DuplicateOf.Number,
                i.Language,
                Voted = viewerId != null && db.Votes.Any(v => v.IdeaId == i.Id && v.UserId == viewerId),
            })
            .FirstOrDefaultAsync(ct);
        if (idea is null) return null;

        var timeline = await db.StatusChanges.AsNoTracking().Where(s => s.IdeaId == idea.Id)
            .OrderBy(s => s.At).ThenBy(s => s.Id)
            .Select(s => new TimelineEntry(s.At, new UserRef(s.ActorId, s.Actor!.DisplayName), s.From, s.To, s.Answer, s.AnswerHtml, s.DuplicateOfNumber, s.MergedNumber, s.SplitNumber))
            .ToListAsync(ct);

        return new IdeaDetails(idea.Number, idea.Title, idea.Body, idea.BodyHtml, idea.Status, idea.Category, idea.Author,
            idea.VoteCount, idea.CommentCount, idea.CreatedAt, idea.UpdatedAt, idea.DuplicateOf,
            viewerId is null ? null : idea.Voted, timeline, idea.Language);
    }
}
