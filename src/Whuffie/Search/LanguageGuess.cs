namespace Whuffie.Search;

/// <summary>
/// Guesses which of an organization's languages an idea is written in, once, when it is written (staff can
/// correct it). Stop words are each language's commonest words, so counting them tells the languages apart
/// on a sentence or two; letters only one language uses break the ties a short title leaves. Danish and
/// Norwegian share most words: "af/av", "hvad/hva", "efter/etter", "mig/meg" are what separate them.
/// </summary>
public static class LanguageGuess
{
    /// <param name="text">The title and body.</param>
    /// <param name="candidates">The organization's languages, its main one first: it wins a tie.</param>
    public static string Guess(string text, IReadOnlyList<string> candidates)
    {
        if (candidates.Count == 1) return candidates[0];
        var words = TextAnalysis.Words(text, max: 400);
        var best = candidates[0];
        var bestScore = 0.0;
        foreach (var language in candidates)
        {
            var score = 0.0;
            foreach (var word in words)
            {
                if (TextAnalysis.IsStopWord(word, language)) score += 1;
                score += LetterHint(word, language);
            }
            if (score > bestScore)
            {
                best = language;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>Half a point per word with a letter (or pair) that belongs to the language's spelling.</summary>
    private static double LetterHint(string word, string language) => language switch
    {
        "da" or "nb" => word.AsSpan().IndexOfAny("æøå") >= 0 ? 0.5 : 0,
        "sv" => word.AsSpan().IndexOfAny("äö") >= 0 ? 0.5 : word.Contains('å') ? 0.25 : 0,
        "nl" => word.Contains("ij", StringComparison.Ordinal) || word.Contains("oe", StringComparison.Ordinal) ? 0.5 : 0,
        _ => 0,
    };
}
