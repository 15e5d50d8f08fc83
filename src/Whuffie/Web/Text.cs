using System.Globalization;
using System.Resources;

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

    /// <summary>The keys of one language's own file (invariant: the English one), for the completeness test.</summary>
    public static IEnumerable<string> Keys(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?
            .Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key) ?? [];
}
