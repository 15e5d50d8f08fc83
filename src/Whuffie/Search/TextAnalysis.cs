using System.Reflection;
using System.Text;
using Whuffie.Search.Stemming;

namespace Whuffie.Search;

/// <summary>
/// Turns text into the terms the search index holds: Unicode words, lower-cased, without the language's
/// stop words, stemmed by the language's Snowball stemmer. PostgreSQL does the same with its own text search
/// configurations; SQLite's FTS5 cannot stem, so there the index holds the terms this class makes.
/// </summary>
public static class TextAnalysis
{
    /// <summary>The languages ideas may be written in; each has a stemmer and a stop-word list.</summary>
    public static readonly IReadOnlyList<string> Languages = ["da", "sv", "nb", "nl", "en"];

    /// <summary>A query longer than this many words is cut: nobody types more, and every word costs a lookup.</summary>
    public const int MaxQueryWords = 24;

    /// <summary>Longer "words" are pasted noise (hashes, URLs without separators), not search terms.</summary>
    public const int MaxWordLength = 60;

    private static readonly Dictionary<string, HashSet<string>> StopWords =
        Languages.ToDictionary(l => l, LoadStopWords, StringComparer.Ordinal);

    /// <summary>PostgreSQL's name for the text search configuration of a language.</summary>
    public static string PostgresConfiguration(string language) => language switch
    {
        "da" => "danish",
        "sv" => "swedish",
        "nb" => "norwegian",
        "nl" => "dutch",
        "en" => "english",
        _ => "simple",
    };

    /// <summary>The words of a text, lower-cased, in order: runs of letters and digits, as FTS5 and PostgreSQL split them.</summary>
    public static List<string> Words(string text, int max = int.MaxValue)
    {
        // Composed, so "é" typed as e + accent is one letter like the stored text's.
        var normal = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        return WordSpans(normal).Where(w => w.Length <= MaxWordLength).Take(max)
            .Select(w => normal.Substring(w.Start, w.Length).ToLowerInvariant()).ToList();
    }

    /// <summary>Where the words of a text are: runs of letters and digits (the highlighter marks them in place).</summary>
    public static List<(int Start, int Length)> WordSpans(string text)
    {
        var spans = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                spans.Add((start, i - start));
                start = -1;
            }
        }
        return spans;
    }

    public static bool IsStopWord(string word, string language) =>
        StopWords.TryGetValue(language, out var words) && words.Contains(word);

    /// <summary>The stem of one lower-case word; a language without a stemmer keeps the word.</summary>
    public static string Stem(string word, string language) =>
        Stemmers.For(language) is { } stem ? stem(word) : word;

    /// <summary>The index terms of a text in a language: stop words dropped, the rest stemmed.</summary>
    public static IEnumerable<string> Terms(string text, string language) =>
        Words(text).Where(w => !IsStopWord(w, language)).Select(w => Stem(w, language));

    /// <summary>The terms joined by spaces: what FTS5 indexes for SQLite.</summary>
    public static string IndexText(string text, string language) => string.Join(' ', Terms(text, language));

    private static HashSet<string> LoadStopWords(string language)
    {
        // Snowball's stop-word lists, as PostgreSQL ships them (see StopWords/README.md).
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Whuffie.Search.StopWords.{language}.txt")
            ?? throw new InvalidOperationException($"The stop words for '{language}' are not embedded in the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Trim() is { Length: > 0 } word) words.Add(word);
        return words;
    }
}
