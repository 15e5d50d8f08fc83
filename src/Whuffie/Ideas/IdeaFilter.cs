using Microsoft.EntityFrameworkCore;
using Whuffie.Categories;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Ideas;

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
