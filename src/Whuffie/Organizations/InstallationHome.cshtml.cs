using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Web;

namespace Whuffie.Organizations;

/// <summary>The installation's front page: the organizations listening here.</summary>
[OutputCache(PolicyName = PagesSetup.AnonymousPolicy)]
public sealed class InstallationHomeModel(WhuffieDb db) : PageModel
{
    public sealed record OrgCard(string Slug, string Name, int Ideas);

    public List<OrgCard> Organizations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new OrgCard(o.Slug, o.Name, o.LastIdeaNumber)).ToListAsync(ct);
}
