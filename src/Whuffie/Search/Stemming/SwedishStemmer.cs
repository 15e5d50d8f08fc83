using System.Buffers;

namespace Whuffie.Search.Stemming;

/// <summary>Snowball's Swedish stemmer (snowballstem.org/algorithms/swedish), as Snowball 2.2.0 has it.</summary>
internal static class SwedishStemmer
{
    private static readonly SearchValues<char> Vowels = SearchValues.Create("aeiouyäåö");

    // Letters after which a final "s" is an ending rather than part of the stem (the "valid s-endings").
    private static readonly SearchValues<char> SEndings = SearchValues.Create("bcdfghjklmnoprtvy");

    private static readonly string[] MainSuffixes =
    [
        "a", "arna", "erna", "heterna", "orna", "ad", "e", "ade", "ande", "arne", "are", "aste", "en", "anden", "aren",
        "heten", "ern", "ar", "er", "heter", "or", "s", "as", "arnas", "ernas", "ornas", "es", "ades", "andes", "ens",
        "arens", "hetens", "erns", "at", "andet", "het", "ast",
    ];

    private static readonly string[] ConsonantPairs = ["dd", "gd", "nn", "dt", "gt", "kt", "tt"];

    private static readonly string[] OtherSuffixes = ["ig", "lig", "els", "fullt", "löst"];

    public static string Stem(string word) => Word.Stem(word, Steps);

    private static void Steps(ref Word word)
    {
        var r1 = word.ScandinavianR1(Vowels);
        MainSuffix(ref word, r1);
        ConsonantPair(ref word, r1);
        OtherSuffix(ref word, r1);
    }

    // Step 1: delete the longest main suffix in R1; "s" only after a valid s-ending (which may lie before R1).
    private static void MainSuffix(ref Word word, int r1)
    {
        switch (word.Longest(MainSuffixes, r1))
        {
            case null:
                return;
            case "s":
                if (SEndings.Contains(word.Before(1))) word.Cut(1);
                return;
            case var suffix:
                word.Cut(suffix.Length);
                return;
        }
    }

    // Step 2: a word ending in one of these pairs within R1 loses its last letter ("nn" → "n").
    private static void ConsonantPair(ref Word word, int r1)
    {
        if (word.Longest(ConsonantPairs, r1) is not null) word.Cut(1);
    }

    // Step 3: in R1, "lig", "ig" and "els" go, "löst" → "lös" and "fullt" → "full".
    private static void OtherSuffix(ref Word word, int r1)
    {
        switch (word.Longest(OtherSuffixes, r1))
        {
            case null:
                return;
            case "löst" or "fullt":
                word.Cut(1);
                return;
            case var suffix:
                word.Cut(suffix.Length);
                return;
        }
    }
}
