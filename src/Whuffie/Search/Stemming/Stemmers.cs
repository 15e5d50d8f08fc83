namespace Whuffie.Search.Stemming;

/// <summary>
/// Snowball stemmers for the languages Whuffie speaks, written for Whuffie from the published algorithms
/// (snowballstem.org) and checked word for word against Snowball 2.2.0. Each takes one lower-case word
/// and returns its stem.
/// </summary>
public static class Stemmers
{
    /// <summary>The stemmer for a language code (da, sv, nb, nl, en), or null for a language without one.</summary>
    public static Func<string, string>? For(string languageCode) => languageCode switch
    {
        "da" => DanishStemmer.Stem,
        "sv" => SwedishStemmer.Stem,
        "nb" => NorwegianStemmer.Stem,
        "nl" => DutchStemmer.Stem,
        "en" => EnglishStemmer.Stem,
        _ => null,
    };
}
