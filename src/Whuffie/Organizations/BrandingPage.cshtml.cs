using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Web;

namespace Whuffie.Organizations;

/// <summary>An admin sets the organization's name, logo, accent colour, welcome text, languages and time zone.</summary>
public sealed class BrandingPageModel(WhuffieDb db) : OrgPage(db)
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? LogoUrl { get; set; }
    [BindProperty] public string? Accent { get; set; }
    [BindProperty] public string? Welcome { get; set; }
    [BindProperty] public string? TimeZone { get; set; }

    /// <summary>The languages ideas are written in (<see cref="Organization.Languages"/>); none: the default.</summary>
    [BindProperty] public List<string> Languages { get; set; } = [];
    public bool Saved { get; private set; }

    public IActionResult OnGet(bool saved)
    {
        if (Require(OrgRole.Admin) is { } denied) return denied;
        (Name, LogoUrl, Accent, Welcome, TimeZone, Saved) = (Org.Name, Org.LogoUrl, Branding.Accent(Org), Org.WelcomeText, Org.TimeZone, saved);
        Languages = [.. Org.WritingLanguages];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Require(OrgRole.Admin) is { } denied) return denied;
        var validation = Branding.Validate(Accent, LogoUrl, Welcome).Text("name", Name, Organization.NameMaxLength);
        if (Languages.Any(l => !Search.TextAnalysis.Languages.Contains(l)))
            validation.Add("languages", Text.T("Search.UnknownLanguage", string.Join(", ", Search.TextAnalysis.Languages)));
        var zone = string.IsNullOrWhiteSpace(TimeZone) ? null : Zones.Find(TimeZone);
        if (!string.IsNullOrWhiteSpace(TimeZone) && zone is null) validation.Add("timeZone", Text.T("Branding.TimeZoneUnknown"));
        if (!Accept(validation))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var org = await Db.Organizations.FirstAsync(o => o.Id == Org.Id, ct);
        org.Name = Name!.Trim();
        org.LogoUrl = string.IsNullOrWhiteSpace(LogoUrl) ? null : LogoUrl.Trim();
        org.AccentColor = string.IsNullOrWhiteSpace(Accent) ? null : Accent.Trim().ToLowerInvariant();
        org.WelcomeText = string.IsNullOrWhiteSpace(Welcome) ? null : Welcome.Trim();
        org.WelcomeHtml = org.WelcomeText is null ? null : Markdown.ToHtml(org.WelcomeText);
        org.TimeZone = zone?.Id;
        // The main language first, as it wins when a guess is a tie; ideas keep the language they were given.
        org.Languages = Languages.Count == 0 ? null : string.Join(",", Search.TextAnalysis.Languages
            .Where(Languages.Contains).OrderBy(l => l == org.DefaultLanguage ? 0 : 1));
        await Db.SaveChangesAsync(ct);
        // Its name is also on the installation's home page.
        PageCache.ChangesEverything(HttpContext);
        return LocalRedirect($"/{org.Slug}/admin/branding?saved=true");
    }
}
