using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Whuffie.Search;

/// <summary>
/// Marks the words of a text that a search matched: a word matches when its stem in one of the query's
/// languages is one of the query's terms in that language, so "bibliotekerne" is marked for "bibliotek". Done here rather than by the
/// databases (ts_headline, FTS5's highlight) because SQLite's index holds stems, not the words people wrote,
/// and so both databases mark alike.
/// </summary>
public static partial class Highlighter
{
    // Letters as they are: a Danish snippet should not turn every "ø" into "&#248;".
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The whole text, HTML-encoded, with the matching words in &lt;mark&gt;.</summary>
    public static string Mark(string text, SearchQuery query) =>
        Render(text, TextAnalysis.WordSpans(text), Matcher(query), 0, int.MaxValue, out _);

    /// <summary>
    /// About <paramref name="words"/> words of a text from a little before its first match (or from its start
    /// when nothing matches), HTML-encoded and marked, with "…" where it was cut.
    /// </summary>
    public static string Snippet(string text, SearchQuery query, int words = 30)
    {
        var matches = Matcher(query);
        var spans = TextAnalysis.WordSpans(text);
        var first = spans.FindIndex(s => matches(text.Substring(s.Start, s.Length)));
        var from = Math.Max(0, first - 8);
        var html = Render(text, spans, matches, from == 0 ? 0 : spans[from].Start, from + words < spans.Count ? spans[from + words].Start : text.Length, out var cut);
        return (from > 0 ? "… " : "") + html.Trim() + (cut ? " …" : "");
    }

    /// <summary>The plain text of rendered Markdown, for snippets: tags out, entities decoded, white space folded.</summary>
    public static string PlainText(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    private static Func<string, bool> Matcher(SearchQuery query)
    {
        var terms = query.TermsPerLanguage.Select(t => t.ToHashSet(StringComparer.Ordinal)).ToList();
        return word =>
        {
            var lower = word.ToLowerInvariant();
            for (var l = 0; l < terms.Count; l++)
            {
                var language = query.Languages[l];
                if (terms[l].Count > 0 && !TextAnalysis.IsStopWord(lower, language) && terms[l].Contains(TextAnalysis.Stem(lower, language)))
                    return true;
            }
            return false;
        };
    }

    private static string Render(string text, List<(int Start, int Length)> spans, Func<string, bool> matches, int start, int end, out bool cut)
    {
        var html = new StringBuilder();
        var at = start;
        foreach (var (wordStart, length) in spans)
        {
            if (wordStart < start) continue;
            if (wordStart >= end) break;
            html.Append(Encoder.Encode(text[at..wordStart]));
            var word = text.Substring(wordStart, length);
            html.Append(matches(word) ? "<mark>" + Encoder.Encode(word) + "</mark>" : Encoder.Encode(word));
            at = wordStart + length;
        }
        cut = end < text.Length;
        html.Append(Encoder.Encode(text[at..Math.Min(end, text.Length)]));
        return html.ToString();
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
