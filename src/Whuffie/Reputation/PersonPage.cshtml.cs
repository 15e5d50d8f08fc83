using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Organizations;
using Whuffie.Web;

namespace Whuffie.Reputation;

public sealed record PersonIdea(string OrgSlug, int Number, string Title, IdeaStatus Status)
{
    public string Url => IdeaRow.IdeaUrl(OrgSlug, Number, Title);
}

/// <summary>
/// /{org}/people/{id}: a person as this organization knows them: level and score, badges, their
/// ideas and the launches they are credited for. Only members have a page here, and it shows only
/// this organization's rows; the one figure from beyond it is the installation-wide score.
/// Staff make someone a trusted contributor here.
/// </summary>
[OutputCache(PolicyName = PagesSetup.AnonymousPolicy)]
public sealed class PersonPageModel(WhuffieDb db) : OrgPage(db)
{
    public UserRef Person { get; private set; } = null!;
    public OrgRole PersonRole { get; private set; }
    public Tally Tally { get; private set; } = Tally.None;
    public Standing Standing { get; private set; } = null!;
    public int InstallationScore { get; private set; }
    public List<PersonIdea> Ideas { get; private set; } = [];
    public IEnumerable<PersonIdea> Launched => Ideas.Where(i => i.Status == IdeaStatus.Launched);
    public PersonLink Link => new(Org.Slug, Person, Standing);

    /// <summary>The next level and the points still missing to it; null at the top.</summary>
    public (Level Level, int Missing)? Next =>
        Standing.Level == Level.LocalHero ? null : (Standing.Level + 1, (Standing.Level + 1).StartsAt() - Standing.Score);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostTrustedAsync(int id, bool trusted, CancellationToken ct)
    {
        if (Require(OrgRole.Staff) is { } denied) return denied;
        // The handler's only refusal is "not a member here", which is this page's 404 too.
        var member = Outcome<MemberDto>(await ReputationApi.SetTrustedAsync(id, trusted, Db, ct));
        return member is null ? NotFound() : LocalRedirect($"/{Org.Slug}/people/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var member = await Db.Memberships.AsNoTracking().Where(m => m.UserId == id)
            .Select(m => new { m.User!.DisplayName, m.Role, m.Trusted }).FirstOrDefaultAsync(ct);
        if (member is null) return false;
        Person = new UserRef(id, member.DisplayName);
        PersonRole = member.Role;
        Tally = (await Scores.TalliesAsync(Db, [id], everywhere: false, ct)).GetValueOrDefault(id, Tally.None);
        Standing = Standing.Of(Tally.Score, member.Trusted);
        InstallationScore = (await Scores.AcrossInstallationAsync(Db, [id], ct))[id];
        var slug = Org.Slug;
        Ideas = await Db.Ideas.AsNoTracking().Where(i => i.AuthorId == id).OrderByDescending(i => i.Number)
            .Select(i => new PersonIdea(slug, i.Number, i.Title, i.Status)).ToListAsync(ct);
        return true;
    }
}
