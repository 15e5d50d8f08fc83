using System.Buffers;

namespace Whuffie.Search.Stemming;

/// <summary>Snowball's Danish stemmer (snowballstem.org/algorithms/danish), as Snowball 2.2.0 has it.</summary>
internal static class DanishStemmer
{
    private static readonly SearchValues<char> Vowels = SearchValues.Create("aeiouyæåø");
    private static readonly SearchValues<char> Consonants = SearchValues.Create("bcdfghjklmnpqrstvwxz");

    // Letters after which a final "s" is an ending rather than part of the stem (the "valid s-endings").
    private static readonly SearchValues<char> SEndings = SearchValues.Create("abcdfghjklmnoprtvyzå");

    private static readonly string[] MainSuffixes =
    [
        "hed", "ethed", "ered", "e", "erede", "ende", "erende", "ene", "erne", "ere", "en", "heden", "eren", "er",
        "heder", "erer", "s", "heds", "es", "endes", "erendes", "enes", "ernes", "eres", "ens", "hedens", "erens",
        "ers", "ets", "erets", "et", "eret",
    ];

    private static readonly string[] ConsonantPairs = ["gd", "dt", "gt", "kt"];

    private static readonly string[] OtherSuffixes = ["ig", "lig", "elig", "els", "løst"];

    public static string Stem(string word) => Word.Stem(word, Steps);

    private static void Steps(ref Word word)
    {
        var r1 = word.ScandinavianR1(Vowels);
        word.CutMainSuffix(MainSuffixes, SEndings, r1); // step 1
        word.CutConsonantPair(ConsonantPairs, r1); // step 2
        OtherSuffix(ref word, r1);
        Undouble(ref word, r1);
    }

    // Step 3: "igst" → "ig" anywhere in the word; then the longest other suffix in R1 goes ("løst" → "løs"),
    // and after ig/lig/elig/els, step 2 runs again.
    private static void OtherSuffix(ref Word word, int r1)
    {
        if (word.EndsWith("igst")) word.Cut(2);
        switch (word.Longest(OtherSuffixes, r1))
        {
            case null:
                return;
            case "løst":
                word.Cut(1);
                return;
            case var suffix:
                word.Cut(suffix.Length);
                word.CutConsonantPair(ConsonantPairs, r1);
                return;
        }
    }

    // Step 4: a doubled consonant at the end loses one letter when the last one is in R1 (the first need not be).
    private static void Undouble(ref Word word, int r1)
    {
        if (word.Length - 1 >= r1 && Consonants.Contains(word.Last) && word.Before(1) == word.Last) word.Cut(1);
    }
}
