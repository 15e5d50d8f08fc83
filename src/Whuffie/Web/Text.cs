using System.Globalization;
using System.Resources;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;

namespace Whuffie.Web;

/// <summary>
/// Every sentence a person reads, looked up in Web/Strings*.resx in the request's language
/// (CurrentUICulture, set by <see cref="Languages"/>). One static lookup rather than
/// IStringLocalizer so the rules (validation, refusals) and the pages share the same words
/// without threading a localizer through every call.
/// </summary>
public static class Text
{
    private static readonly ResourceManager Resources = new("Whuffie.Web.Strings", typeof(Text).Assembly);

    /// <summary>The text for key in the current language; a missing key shows itself, and a test keeps that from shipping.</summary>
    public static string T(string key) =>
        Resources.GetString(key, CultureInfo.CurrentUICulture) ?? $"[{key}]";

    public static string T(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, T(key), args);

    /// <summary>
    /// The text for key as HTML, for a sentence with markup inside it ("by <a>Sofie</a>, 3 May"):
    /// arguments that are HTML (a partial) go in as they are, everything else is encoded.
    /// </summary>
    public static IHtmlContent THtml(string key, params object?[] args)
    {
        var parts = args.Select(a => a is IHtmlContent html ? Render(html) : Encoder.Encode(Convert.ToString(a, CultureInfo.CurrentCulture) ?? "")).ToArray<object?>();
        return new HtmlString(string.Format(CultureInfo.CurrentCulture, Encoder.Encode(T(key)), parts));
    }

    // As the pages encode (PagesSetup): æ, ø, å stay themselves.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Render(IHtmlContent html)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        html.WriteTo(writer, Encoder);
        // A partial ends with a line break, which would stand before the comma that follows it.
        return writer.ToString().Trim();
    }

    /// <summary>The keys of one language's own file (invariant: the English one), for the completeness test.</summary>
    public static IEnumerable<string> Keys(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?
            .Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key) ?? [];
}
