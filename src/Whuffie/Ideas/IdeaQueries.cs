using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Ideas;

public enum IdeaSort
{
    Top,
    New,
    Trending,
}

/// <summary>The idea list's filters, parsed strictly from the query string.</summary>
public sealed record IdeaFilter(IReadOnlyList<IdeaStatus> Statuses, string? Category, IdeaSort Sort, Paging Paging)
{
    private static readonly string[] Keys = ["status", "category", "sort", "page", "pageSize"];

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

        var sort = IdeaSort.Top;
        if (query.TryGetValue("sort", out var sortValue) && !Names.TryParse(sortValue.ToString(), out sort))
            validation.Add("sort", T("Filter.UnknownSort"));

        string? category = null;
        if (query.TryGetValue("category", out var categoryValue))
        {
            category = categoryValue.ToString().Trim().ToLowerInvariant();
            if (category.Length == 0) category = null;
            else if (category.Length > Categories.Category.SlugMaxLength)
                validation.Add("category", T("Filter.BadCategory"));
        }

        return new IdeaFilter(statuses.Distinct().ToList(), category, sort, Paging.Parse(query, validation));
    }

    public IQueryable<Idea> Apply(IQueryable<Idea> ideas)
    {
        if (Statuses.Count > 0) ideas = ideas.Where(i => Statuses.Contains(i.Status));
        if (Category is not null) ideas = ideas.Where(i => i.Category!.Slug == Category);
        // Number breaks ties, so paging is stable.
        return Sort switch
        {
            IdeaSort.New => ideas.OrderByDescending(i => i.Number),
            IdeaSort.Trending => ideas.OrderByDescending(i => i.TrendScore).ThenByDescending(i => i.Number),
            _ => ideas.OrderByDescending(i => i.VoteCount).ThenByDescending(i => i.Number),
        };
    }
}

public static class IdeaQueries
{
    public static readonly Expression<Func<Idea, IdeaSummary>> ToSummary = i => new IdeaSummary(
        i.Number, i.Title, i.Body, i.Status,
        i.Category == null ? null : new CategoryRef(i.Category.Slug, i.Category.Name),
        new UserRef(i.AuthorId, i.Author!.DisplayName),
        i.VoteCount, i.CommentCount, i.CreatedAt, i.UpdatedAt,
        i.DuplicateOf == null ? null : i.DuplicateOf.Number);

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
                Voted = viewerId != null && db.Votes.Any(v => v.IdeaId == i.Id && v.UserId == viewerId),
            })
            .FirstOrDefaultAsync(ct);
        if (idea is null) return null;

        var timeline = await db.StatusChanges.AsNoTracking().Where(s => s.IdeaId == idea.Id)
            .OrderBy(s => s.At).ThenBy(s => s.Id)
            .Select(s => new TimelineEntry(s.At, new UserRef(s.ActorId, s.Actor!.DisplayName), s.From, s.To, s.Answer, s.AnswerHtml, s.DuplicateOfNumber))
            .ToListAsync(ct);

        return new IdeaDetails(idea.Number, idea.Title, idea.Body, idea.BodyHtml, idea.Status, idea.Category, idea.Author,
            idea.VoteCount, idea.CommentCount, idea.CreatedAt, idea.UpdatedAt, idea.DuplicateOf,
            viewerId is null ? null : idea.Voted, timeline);
    }
}
