using Whuffie.Categories;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Organizations;
using Whuffie.Web;

namespace Whuffie.Search;

/// <summary>A search result: the idea, and its title and a snippet of its text with the matched words marked.</summary>
public sealed record SearchHit(IdeaSummary Idea, string Url, string TitleHtml, string SnippetHtml);

/// <summary>
/// /{org}/search: the ideas that match, with the list's filters and sorts (best match first by default).
/// Not output-cached: searches are many and seldom repeated, and caching them would push the lists out.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Limits.RateLimits.Search)]
public sealed class SearchPageModel(WhuffieDb db) : OrgPage(db)
{
    public IdeaFilter Filter { get; private set; } = null!;
    public IReadOnlyList<CategoryEntry> Categories { get; private set; } = [];
    public List<SearchHit> Hits { get; private set; } = [];
    public string? NextUrl { get; private set; }
    public string? PreviousUrl { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var validation = new Validation();
        Filter = IdeaFilter.Parse(Request.Query, validation);
        Categories = await CategoriesAsync(ct);
        Filter.CheckCategory(Categories, Org.Name, validation);
        if (!Accept(validation))
        {
            // Say what was wrong beside the field and search for nothing, rather than for something else.
            // The query's own message stands beside its field; only the others need the alert.
            var others = validation.Errors.Where(e => e.Key != "q").SelectMany(e => e.Value).ToList();
            Refusal = others.Count == 0 ? null : string.Join(" ", others);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Filter = IdeaFilter.Parse(new QueryCollection(), new Validation());
            return;
        }
        if (Filter.Query is null) return;

        var listing = await IdeaListing.ForAsync(Db, Filter, Categories, ct);
        var query = SearchQuery.Parse(Filter.Query, Org.WritingLanguages);
        Hits = listing.Items.Select(i => new SearchHit(i, IdeaRow.IdeaUrl(Org.Slug, i.Number, i.Title),
            Highlighter.Mark(i.Title, query), Highlighter.Snippet(Highlighter.PlainText(Markdown.ToHtml(i.Body)), query))).ToList();

        (PreviousUrl, NextUrl) = listing.Links($"/{Org.Slug}/search", Request.Query, Filter);
    }
}
