using System.Globalization;
using System.Text;

namespace Whuffie.Web;

public static class Slugs
{
    // Letters that Unicode decomposition does not fold the way a Nordic or Dutch reader expects.
    private static readonly Dictionary<char, string> Folds = new()
    {
        ['æ'] = "ae",
        ['ø'] = "oe",
        ['å'] = "aa",
        ['ß'] = "ss",
        ['ĳ'] = "ij",
        ['đ'] = "d",
        ['ł'] = "l",
    };

    /// <summary>"Åbningstider &amp; Søndage" → "aabningstider-soendage"; at most maxLength characters.</summary>
    public static string From(string text, int maxLength)
    {
        var sb = new StringBuilder();
        foreach (var ch in text.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (Folds.TryGetValue(ch, out var fold)) sb.Append(fold);
            else if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            else if (ch is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(ch);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString();
        if (slug.Length > maxLength) slug = slug[..maxLength];
        return slug.Trim('-');
    }
}
