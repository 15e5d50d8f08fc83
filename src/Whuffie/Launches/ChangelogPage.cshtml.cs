using Microsoft.AspNetCore.OutputCaching;
using Whuffie.Data;
using Whuffie.Organizations;
using Whuffie.Web;

namespace Whuffie.Launches;

/// <summary>/{org}/changelog: what the organization launched, crediting whose ideas they were.</summary>
[OutputCache(PolicyName = PagesSetup.AnonymousPolicy)]
public sealed class ChangelogPageModel(WhuffieDb db) : OrgPage(db)
{
    public List<ChangelogEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Entries = await Changelog.LatestAsync(Db, ct);
}
