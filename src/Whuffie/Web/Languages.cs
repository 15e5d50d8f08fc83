using System.Globalization;
using Whuffie.Data;

namespace Whuffie.Web;

/// <summary>
/// Picks the language of a request: the person's own choice (a cookie set by the switcher),
/// else the browser's Accept-Language, else the organization's default, else English.
/// Texts come from the neutral culture (da); dates and numbers from its country (da-DK).
/// </summary>
public static class Languages
{
    public const string Cookie = "whuffie-language";

    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        ("en", "English"), ("da", "Dansk"), ("sv", "Svenska"), ("nb", "Norsk bokmål"), ("nl", "Nederlands"),
    ];

    private static readonly Dictionary<string, string> Formatting = new(StringComparer.Ordinal)
    {
        ["en"] = "en-GB",
        ["da"] = "da-DK",
        ["sv"] = "sv-SE",
        ["nb"] = "nb-NO",
        ["nl"] = "nl-NL",
    };

    public static bool IsSupported(string? code) => code is not null && Formatting.ContainsKey(code);

    /// <summary>The language code of the current request.</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch
    {
        "nb" or "no" => "nb",
        var code when IsSupported(code) => code,
        _ => "en",
    };

    /// <summary>
    /// Writes in <paramref name="code"/> until disposed (an email in its recipient's language,
    /// from a background job that has no request); the previous language comes back afterwards.
    /// </summary>
    public static IDisposable Speak(string code)
    {
        if (!IsSupported(code)) code = "en";
        var (ui, formatting) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(code);
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(Formatting[code]);
        return new Restore(ui, formatting);
    }

    private sealed class Restore(CultureInfo ui, CultureInfo formatting) : IDisposable
    {
        public void Dispose() => (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formatting);
    }

    public static void UseLanguages(this WebApplication app) => app.Use(async (http, next) =>
    {
        var code = FromCookie(http) ?? FromHeader(http) ?? await FromOrganizationAsync(http) ?? "en";
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(code);
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(Formatting[code]);
        await next();
    });

    /// <summary>The switcher's links: remember the choice for a year and go back where the person was.</summary>
    public static void MapLanguageSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet("/language/{code}", (string code, string? returnUrl, HttpContext http) =>
        {
            if (!IsSupported(code)) return Results.NotFound();
            http.Response.Cookies.Append(CookieName(http), code, new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365),
                SameSite = SameSiteMode.Lax,
                HttpOnly = true,
                IsEssential = true,
                Secure = http.SecureCookie(),
                Path = "/",
            });
            // Only a path on this site, never another site (an open redirect).
            var back = returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
            return Results.LocalRedirect(back);
        }).ExcludeFromDescription();

    private static string? FromCookie(HttpContext http) =>
        http.Request.Cookies.TryGetValue(CookieName(http), out var code) && IsSupported(code) ? code : null;

    /// <summary><see cref="Cookie"/>, with the __Host- prefix on an https site (SecurityHeaders).</summary>
    private static string CookieName(HttpContext http) => http.RequestServices.GetRequiredService<IConfiguration>().CookieName(Cookie);

    private static string? FromHeader(HttpContext http)
    {
        var wanted = http.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value?.ToLowerInvariant() ?? "");
        foreach (var tag in wanted)
        {
            var primary = tag.Split('-')[0];
            // Norwegian arrives as nb, no or nn; bokmål is what we have.
            if (primary is "no" or "nn") primary = "nb";
            if (IsSupported(primary)) return primary;
        }
        return null;
    }

    /// <summary>Only for the pages of one organization: /{org}/…</summary>
    private static async Task<string?> FromOrganizationAsync(HttpContext http)
    {
        var segments = http.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is not { Length: > 0 } || segments[0] is "api") return null;
        var slug = segments[0].ToLowerInvariant();
        var db = http.RequestServices.GetRequiredService<WhuffieDb>();
        var org = await http.RequestServices.GetRequiredService<Organizations.OrganizationDirectory>().FindAsync(db, slug, http.RequestAborted);
        return org?.DefaultLanguage;
    }
}
