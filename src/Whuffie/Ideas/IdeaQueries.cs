using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Categories;
using Whuffie.Data;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Ideas;

/// <summary>The list's sorts, in the order the list page offers them (see docs/lists.md).</summary>
public enum IdeaSort
{
    Top,
    New,
    Discussed,
    Trending,

    /// <summary>Best match first: only with a search query (q), and paged by page number, as a score has no cursor.</summary>
    Relevance,
}

/// <summary>
/// The idea list's filters, parsed strictly from the query string. The window is either an
/// offset (<see cref="Paging"/>'s page, kept for shallow pages and old links) or a position:
/// the rows after or before an <see cref="IdeaCursor"/>.
/// </summary>
public sealed record IdeaFilter(IReadOnlyList<IdeaStatus> Statuses, string? Category, IdeaSort Sort, Paging Paging,
    IdeaCursor? After = null, IdeaCursor? Before = null, string? Query = null)
{
    private static readonly string[] Keys = ["q", "status", "category", "sort", "page", "pageSize", "after", "before"];

    public static IdeaFilter Parse(IQueryCollection query, Validation validation)
    {
        QueryStrings.RejectUnknown(query, validation, Keys);

        var statuses = new List<IdeaStatus>();
        // An empty value means "any", as a form's "all" option sends it.
        foreach (var name in query["status"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)))
        {
            if (IdeaStatuses.TryParse(name, out var status)) statuses.Add(status);
            else validation.Add("status", T("Filter.UnknownStatus", name, string.Join(", ", IdeaStatuses.All)));
        }

        string? q = query["q"].ToString().Trim();
        if (q.Length == 0) q = null;
        else if (q.Length > Search.SearchQuery.MaxLength) validation.Add("q", T("Validation.TooLong", Search.SearchQuery.MaxLength, q.Length));

        // A search lists the best matches first unless another order is asked for.
        var sort = q is null ? IdeaSort.Top : IdeaSort.Relevance;
        if (query.TryGetValue("sort", out var sortValue) && !Names.TryParse(sortValue.ToString(), out sort))
            validation.Add("sort", T("Filter.UnknownSort"));
        if (sort == IdeaSort.Relevance && q is null) validation.Add("sort", T("Filter.RelevanceNeedsQuery"));
        if (sort == IdeaSort.Relevance && (query.ContainsKey("after") || query.ContainsKey("before")))
        {
            validation.Add(query.ContainsKey("after") ? "after" : "before", T("Paging.RelevanceByPage"));
            return new IdeaFilter([], null, sort, Paging.Parse(query, validation), Query: q);
        }

        string? category = null;
        if (query.TryGetValue("category", out var categoryValue))
        {
            category = categoryValue.ToString().Trim().ToLowerInvariant();
            if (category.Length == 0) category = null;
            else if (category.Length > Categories.Category.SlugMaxLength)
                validation.Add("category", T("Filter.BadCategory"));
        }

        // A cursor is read for the sort asked for: one from another sort is refused, not misread.
        var after = IdeaCursor.Parse(query, "after", sort, validation);
        var before = IdeaCursor.Parse(query, "before", sort, validation);
        if (query.ContainsKey("page") && (query.ContainsKey("after") || query.ContainsKey("before")))
            validation.Add("page", T("Paging.OneWindow"));
        else if (query.ContainsKey("after") && query.ContainsKey("before"))
            validation.Add("before", T("Paging.OneWindow"));

        return new IdeaFilter(statuses.Distinct().ToList(), category, sort, Paging.Parse(query, validation), after, before, q);
    }

    /// <summary>A misspelt category would otherwise look like an empty one.</summary>
    public void CheckCategory(IReadOnlyList<CategoryEntry> categories, string organizationName, Validation validation)
    {
        if (Category is { } slug && categories.All(c => c.Slug != slug))
            validation.Add("category", T("Categories.NotFound", organizationName, slug));
    }

    /// <summary>Filters; <paramref name="categories"/> turns the category's slug into its id, so no join is needed.</summary>
    public IQueryable<Idea> Where(IQueryable<Idea> ideas, IReadOnlyList<CategoryEntry> categories)
    {
        if (Statuses.Count > 0) ideas = ideas.Where(i => Statuses.Contains(i.Status));
        if (Category is not null)
        {
            var id = categories.FirstOrDefault(c => c.Slug == Category)?.Id;
            ideas = ideas.Where(i => i.CategoryId == id);
        }
        return ideas;
    }
}

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
