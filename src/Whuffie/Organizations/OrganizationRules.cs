using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Organizations;

/// <summary>Creating organizations: shared by the API and the CLI.</summary>
public static partial class OrganizationRules
{
    public static readonly string[] Languages = ["en", "da", "sv", "nb", "nl"];

    // Pages live at /{org}, so an organization may not take a name the site itself uses.
    private static readonly HashSet<string> Reserved =
    [
        "api", "admin", "account", "accounts", "auth", "login", "logout", "signin", "signout", "signup",
        "register", "me", "static", "assets", "css", "js", "health", "healthz", "metrics", "openapi",
        "swagger", "feeds", "orgs", "about", "help", "settings", "platform", "favicon.ico", "robots.txt",
    ];

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")]
    private static partial Regex SlugPattern();

    public static bool IsValidSlug(string? slug) => slug is not null && SlugPattern().IsMatch(slug);

    public static Validation Validate(string? slug, string? name, string? language)
    {
        var v = new Validation().Text("name", name, Organization.NameMaxLength);
        if (string.IsNullOrWhiteSpace(slug))
            v.Add("slug", T("Validation.Required"));
        else if (!IsValidSlug(slug))
            v.Add("slug", T("Slug.Invalid"));
        else if (Reserved.Contains(slug))
            v.Add("slug", T("Slug.Reserved", slug));
        if (language is not null && !Languages.Contains(language))
            v.Add("defaultLanguage", T("Orgs.UnknownLanguage", string.Join(", ", Languages)));
        return v;
    }

    /// <summary>Creates the organization, or returns null when the slug is taken.</summary>
    public static async Task<Organization?> CreateAsync(WhuffieDb db, string slug, string name, string? language, DateTime now, CancellationToken ct = default)
    {
        if (await db.Organizations.AnyAsync(o => o.Slug == slug, ct)) return null;
        var org = new Organization { Slug = slug, Name = name.Trim(), DefaultLanguage = language ?? "en", CreatedAt = now };
        db.Organizations.Add(org);
        await db.SaveChangesAsync(ct);
        return org;
    }

    public static string ToName(this OrgRole role) => role.ToString().ToLowerInvariant();
}
