namespace Whuffie.Search;

/// <summary>
/// Trigram similarity as PostgreSQL's pg_trgm defines it: each word, lower-cased and padded with two spaces
/// in front and one behind, gives its three-letter pieces; two texts are as similar as the share of pieces
/// they have in common. Stemming cannot see that "hovedbiblioteket" is about "biblioteket"; trigrams can.
/// Computed here for the final ranking of similar ideas, so both databases rank their candidates alike.
/// </summary>
public static class Trigrams
{
    public static HashSet<string> Of(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in TextAnalysis.Words(text, max: 64))
        {
            var padded = "  " + word + " ";
            for (var i = 0; i + 3 <= padded.Length; i++) set.Add(padded.Substring(i, 3));
        }
        return set;
    }

    /// <summary>pg_trgm's similarity: shared pieces over all pieces of both (0 … 1).</summary>
    public static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    /// <summary>The share of <paramref name="query"/>'s pieces found in <paramref name="text"/> (0 … 1): a title
    /// typed halfway is fully "covered" by the idea it is heading for, though far shorter than its title.</summary>
    public static double Coverage(HashSet<string> query, HashSet<string> text) =>
        query.Count == 0 ? 0 : (double)query.Count(text.Contains) / query.Count;
}
