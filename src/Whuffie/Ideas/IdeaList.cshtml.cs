using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Whuffie.Categories;
using Whuffie.Data;
using Whuffie.Organizations;
using Whuffie.Web;

namespace Whuffie.Ideas;

/// <summary>An organization's home: its ideas, filtered, sorted and paged with the API's own filter.</summary>
[OutputCache(PolicyName = PagesSetup.AnonymousPolicy)]
public sealed class IdeaListModel(WhuffieDb db) : OrgPage(db)
{
    public IdeaFilter Filter { get; private set; } = null!;
    public List<IdeaRow> Ideas { get; private set; } = [];
    public bool HasMore { get; private set; }
    public IReadOnlyList<CategoryEntry> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var validation = new Validation();
        Filter = IdeaFilter.Parse(Request.Query, validation);
        Categories = await CategoriesAsync(ct);
        Filter.CheckCategory(Categories, Org.Name, validation);
        if (!validation.IsValid)
        {
            // A hand-edited address: say what was wrong and show the plain list.
            Refusal = string.Join(" ", validation.Errors.Values.SelectMany(m => m));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Filter = IdeaFilter.Parse(new QueryCollection(), new Validation());
        }
        var page = Filter.Paging.ToPage(await Db.SummariesAsync(Filter.Apply(Db.Ideas.AsNoTracking(), Categories), Categories, Filter.Paging.Offset, Filter.Paging.Fetch, ct));
        Ideas = await IdeaRow.ForViewerAsync(Db, page.Items, UserId, ct);
        HasMore = page.HasMore;
    }

    /// <summary>The address of this list with one parameter changed, for the paging links.</summary>
    public string PageUrl(int page)
    {
        var query = Request.Query.Where(q => q.Key != "page").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}").ToList();
        if (page > 1) query.Add($"page={page}");
        return $"/{Org.Slug}" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}
