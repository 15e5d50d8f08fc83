using System.Buffers;

namespace Whuffie.Search.Stemming;

/// <summary>Snowball's Norwegian (bokmål) stemmer (snowballstem.org/algorithms/norwegian), as Snowball 2.2.0 has it.</summary>
internal static class NorwegianStemmer
{
    private static readonly SearchValues<char> Vowels = SearchValues.Create("aeiouyæåø");

    // Letters after which a final "s" is an ending rather than part of the stem (the "valid s-endings");
    // "k" counts too, but only when a non-vowel comes before it.
    private static readonly SearchValues<char> SEndings = SearchValues.Create("bcdfghjlmnoprtvyz");

    private static readonly string[] MainSuffixes =
    [
        "a", "e", "ede", "ande", "ende", "ane", "ene", "hetene", "erte", "en", "heten", "ar", "er", "heter", "s", "as",
        "es", "edes", "endes", "enes", "hetenes", "ens", "hetens", "ers", "ets", "et", "het", "ert", "ast",
    ];

    private static readonly string[] ConsonantPairs = ["dt", "vt"];

    private static readonly string[] OtherSuffixes =
        ["leg", "eleg", "ig", "eig", "lig", "elig", "els", "lov", "elov", "slov", "hetslov"];

    public static string Stem(string word) => Word.Stem(word, Steps);

    private static void Steps(ref Word word)
    {
        var r1 = word.ScandinavianR1(Vowels);
        MainSuffix(ref word, r1);
        word.CutConsonantPair(ConsonantPairs, r1); // step 2
        OtherSuffix(ref word, r1);
    }

    // Step 1: delete the longest main suffix in R1; "erte" and "ert" become "er"; "s" goes only after a valid
    // s-ending or after a "k" that follows a non-vowel (those letters may lie before R1).
    private static void MainSuffix(ref Word word, int r1)
    {
        switch (word.Longest(MainSuffixes, r1))
        {
            case null:
                return;
            case "s":
                var before = word.Before(1);
                if (SEndings.Contains(before) || (before == 'k' && IsNonVowel(word.Before(2)))) word.Cut(1);
                return;
            case ("erte" or "ert") and var suffix:
                word.ReplaceEnd(suffix.Length, "er");
                return;
            case var suffix:
                word.Cut(suffix.Length);
                return;
        }
    }

    // Step 3: delete the longest of the other suffixes in R1.
    private static void OtherSuffix(ref Word word, int r1)
    {
        if (word.Longest(OtherSuffixes, r1) is { } suffix) word.Cut(suffix.Length);
    }

    private static bool IsNonVowel(char letter) => letter != '\0' && !Vowels.Contains(letter);
}
