using System.Globalization;
using System.Text.RegularExpressions;
using Whuffie.Data;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Organizations;

/// <summary>
/// An organization's colours may not break WCAG 2.1 AA: the accent is used for links on a white
/// page and as the background of buttons with white text, so it must reach 4.5:1 against white.
/// A colour that does not is refused with the ratio it has, rather than silently changed.
/// </summary>
public static partial class Branding
{
    public const string DefaultAccent = "#1d5b85";
    public const double MinimumContrast = 4.5;

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColour();

    public static string Accent(Organization org) => org.AccentColor ?? DefaultAccent;

    /// <summary>Text on the accent: white, which the rule above guarantees is readable.</summary>
    public static string AccentText(Organization org) => "#ffffff";

    /// <summary>Where the layout links the organization's colours; ?v= changes with the colour, so a new one shows at once.</summary>
    public static string StylesheetUrl(Organization org) => $"/{org.Slug}/brand.css?v={Accent(org).TrimStart('#')}";

    /// <summary>
    /// The colours as a stylesheet rather than a style element in the page: the Content-Security-Policy
    /// (SecurityHeaders) admits no inline style, and a nonce would not survive the output cache.
    /// </summary>
    public static void MapBrandStylesheet(this IEndpointRouteBuilder app) =>
        app.MapGet("/{org}/brand.css", async (string org, WhuffieDb db, OrganizationDirectory directory, HttpContext http, CancellationToken ct) =>
        {
            var found = await directory.FindAsync(db, org.ToLowerInvariant(), ct);
            if (found is null) return Results.NotFound();
            // The address changes with the colour (StylesheetUrl), so browsers may keep this one.
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Text($":root {{ --accent: {Accent(found)}; --accent-text: {AccentText(found)}; }}\n", "text/css; charset=utf-8");
        }).ExcludeFromDescription();

    public static Validation Validate(string? accent, string? logoUrl, string? welcome)
    {
        var v = new Validation().OptionalText("welcome", welcome, Organization.WelcomeMaxLength);
        if (!string.IsNullOrWhiteSpace(accent))
        {
            if (!HexColour().IsMatch(accent.Trim()))
                v.Add("accent", T("Branding.BadColour"));
            else if (ContrastWithWhite(accent.Trim()) is var ratio && ratio < MinimumContrast)
                v.Add("accent", T("Branding.LowContrast", ratio.ToString("0.0", CultureInfo.CurrentCulture), MinimumContrast.ToString("0.0", CultureInfo.CurrentCulture)));
        }
        if (!string.IsNullOrWhiteSpace(logoUrl))
        {
            if (logoUrl.Trim().Length > Organization.LogoUrlMaxLength)
                v.Add("logoUrl", T("Validation.TooLong", Organization.LogoUrlMaxLength, logoUrl.Trim().Length));
            else if (!Uri.TryCreate(logoUrl.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
                v.Add("logoUrl", T("Branding.BadLogo"));
        }
        return v;
    }

    /// <summary>WCAG 2.1 contrast ratio of a #rrggbb colour against white.</summary>
    public static double ContrastWithWhite(string hex) => (1.0 + 0.05) / (Luminance(hex) + 0.05);

    /// <summary>Relative luminance as WCAG 2.1 defines it (sRGB, linearised).</summary>
    public static double Luminance(string hex)
    {
        double Channel(int offset)
        {
            var c = int.Parse(hex.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(1) + 0.7152 * Channel(3) + 0.0722 * Channel(5);
    }
}
