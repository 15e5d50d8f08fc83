using Microsoft.AspNetCore.OutputCaching;
using Whuffie.Categories;
using Whuffie.Data;
using Whuffie.Organizations;
using Whuffie.Web;

namespace Whuffie.Ideas;

/// <summary>An organization's home: its ideas, filtered, sorted and paged with the API's own filter.</summary>
[OutputCache(PolicyName = PagesSetup.AnonymousPolicy)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Limits.RateLimits.Search)]
public sealed class IdeaListModel(WhuffieDb db) : OrgPage(db)
{
    public IdeaFilter Filter { get; private set; } = null!;
    public List<IdeaRow> Ideas { get; private set; } = [];
    public IReadOnlyList<CategoryEntry> Categories { get; private set; } = [];

    /// <summary>The addresses of the pages before and after this one; null at the ends.</summary>
    public string? NextUrl { get; private set; }
    public string? PreviousUrl { get; private set; }

    /// <summary>Notices still in force: what everyone must know comes first, above the ideas.</summary>
    public List<Notices.NoticeDto> ActiveNotices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ActiveNotices = await Notices.NoticesApi.ActiveAsync(Db, HttpContext.RequestServices.GetRequiredService<IConfiguration>(), ct);
        var validation = new Validation();
        Filter = IdeaFilter.Parse(Request.Query, validation);
        Categories = await CategoriesAsync(ct);
        Filter.CheckCategory(Categories, Org.Name, validation);
        var query = Request.Query;
        if (!validation.IsValid)
        {
            // A hand-edited address: say what was wrong and show the plain list; the links drop the refused
            // filters, which would be refused again.
            Refusal = string.Join(" ", validation.Errors.Values.SelectMany(m => m));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Filter = IdeaFilter.Parse(new QueryCollection(), new Validation());
            query = new QueryCollection();
        }
        var listing = await IdeaListing.ForAsync(Db, Filter, Categories, ct);
        Ideas = await IdeaRow.ForViewerAsync(Db, listing.Items, UserId, ct);
        (PreviousUrl, NextUrl) = listing.Links($"/{Org.Slug}", query, Filter);
    }
}
