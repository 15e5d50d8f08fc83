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
        word.CutMainSuffix(MainSuffixes, SEndings, r1); // step 1
        word.CutConsonantPair(ConsonantPairs, r1); // step 2
        OtherSuffix(ref word, r1);
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
