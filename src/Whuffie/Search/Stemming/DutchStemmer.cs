using System.Buffers;

namespace Whuffie.Search.Stemming;

/// <summary>
/// Snowball's classic Dutch stemmer (snowballstem.org/algorithms/dutch, Martin Porter's, not Kraaij-Pohlmann),
/// as Snowball 2.2.0 has it.
/// </summary>
internal static class DutchStemmer
{
    // "è" is a vowel and keeps its accent; "I" and "Y" (vowel letters used as consonants) are not vowels.
    private static readonly SearchValues<char> Vowels = SearchValues.Create("aeiouyè");
    private static readonly SearchValues<char> VowelsAndJ = SearchValues.Create("aeiouyèj");
    private static readonly SearchValues<char> VowelsAndI = SearchValues.Create("aeiouyèI");

    private static readonly string[] Step1Suffixes = ["heden", "ene", "en", "se", "s"];

    private static readonly string[] Step3bSuffixes = ["end", "ing", "ig", "lijk", "baar", "bar"];

    public static string Stem(string word) => Word.Stem(word, Steps);

    private static void Steps(ref Word word)
    {
        Prelude(ref word);
        // R1 starts after at least three letters, but R2 is sought from where R1 was before that adjustment.
        var p1 = word.RegionAfter(0, Vowels);
        var r1 = Math.Max(p1, 3);
        var r2 = word.RegionAfter(p1, Vowels);

        Step1(ref word, r1);
        var eFound = RemoveE(ref word, r1);
        Step3a(ref word, r1, r2);
        Step3b(ref word, r1, r2, eFound);
        Step4(ref word);

        // Postlude: the marked vowels become lower case again.
        word.ReplaceAll('I', 'i');
        word.ReplaceAll('Y', 'y');
    }

    // Prelude: drop acute accents and umlauts; mark an initial "y", a "y" after a vowel and an "i" between
    // vowels as consonants (Y, I). The scan runs left to right, so a letter just marked no longer counts as
    // the vowel before the next one ("ayyy" → "aYyY").
    private static void Prelude(ref Word word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            word[i] = word[i] switch
            {
                'á' or 'ä' => 'a',
                'é' or 'ë' => 'e',
                'í' or 'ï' => 'i',
                'ó' or 'ö' => 'o',
                'ú' or 'ü' => 'u',
                var letter => letter,
            };
        }
        if (word.Length > 0 && word[0] == 'y') word[0] = 'Y';
        for (var i = 1; i < word.Length; i++)
        {
            if (!Vowels.Contains(word[i - 1])) continue;
            if (word[i] == 'i' && i + 1 < word.Length && Vowels.Contains(word[i + 1])) word[i] = 'I';
            else if (word[i] == 'y') word[i] = 'Y';
        }
    }

    // Step 1: "heden" → "heid" in R1; "en"/"ene" as in EnEnding; "s"/"se" go in R1 after a non-vowel other than "j".
    private static void Step1(ref Word word, int r1)
    {
        switch (word.Longest(Step1Suffixes))
        {
            case null:
                return;
            case "heden":
                if (word.Length - 5 >= r1) word.ReplaceEnd(5, "heid");
                return;
            case ("en" or "ene") and var suffix:
                RemoveEn(ref word, suffix.Length, r1);
                return;
            case var suffix:
                if (word.Length - suffix.Length >= r1 && IsNonVowel(word.Before(suffix.Length), VowelsAndJ))
                    word.Cut(suffix.Length);
                return;
        }
    }

    // The "en" rule of steps 1 and 3a: delete it in R1 after a non-vowel, but not after "gem"; then undouble.
    private static void RemoveEn(ref Word word, int length, int r1)
    {
        var start = word.Length - length;
        if (start < r1 || !IsNonVowel(word.Before(length), Vowels) || word.Text[..start].EndsWith("gem")) return;
        word.Cut(length);
        Undouble(ref word);
    }

    // Step 2 (also after "lijk" in step 3b): a final "e" in R1 after a non-vowel goes, then undouble.
    // Whether it went matters to "bar" in step 3b.
    private static bool RemoveE(ref Word word, int r1)
    {
        if (word.Last != 'e' || word.Length - 1 < r1 || !IsNonVowel(word.Before(1), Vowels)) return false;
        word.Cut(1);
        Undouble(ref word);
        return true;
    }

    // "kk", "dd" and "tt" at the end lose a letter (after steps 1, 2 and "end"/"ing"), anywhere in the word.
    private static void Undouble(ref Word word)
    {
        if (word.EndsWith("kk") || word.EndsWith("dd") || word.EndsWith("tt")) word.Cut(1);
    }

    // Step 3a: "heid" in R2, not after "c", goes; then an "en" before it is treated as in step 1.
    private static void Step3a(ref Word word, int r1, int r2)
    {
        if (!word.EndsWith("heid") || word.Length - 4 < r2 || word.Before(4) == 'c') return;
        word.Cut(4);
        if (word.EndsWith("en")) RemoveEn(ref word, 2, r1);
    }

    // Step 3b: derivational suffixes, all in R2.
    private static void Step3b(ref Word word, int r1, int r2, bool eFound)
    {
        var suffix = word.Longest(Step3bSuffixes);
        if (suffix is null || word.Length - suffix.Length < r2) return;
        switch (suffix)
        {
            case "end" or "ing":
                // "end"/"ing" go, then an "ig" in R2 not after "e" goes too; failing that, undouble.
                word.Cut(3);
                if (word.EndsWith("ig") && word.Length - 2 >= r2 && word.Before(2) != 'e') word.Cut(2);
                else Undouble(ref word);
                return;
            case "ig":
                if (word.Before(2) != 'e') word.Cut(2);
                return;
            case "lijk":
                word.Cut(4);
                RemoveE(ref word, r1);
                return;
            case "baar":
                word.Cut(4);
                return;
            case "bar":
                if (eFound) word.Cut(3);
                return;
        }
    }

    // Step 4: undouble a vowel: a non-vowel, "aa"/"ee"/"oo"/"uu", then a non-vowel other than "I" at the end
    // ("maan" → "man"), anywhere in the word.
    private static void Step4(ref Word word)
    {
        var vowel = word.Before(1);
        if (word.Length < 4 || vowel is not ('a' or 'e' or 'o' or 'u') || word.Before(2) != vowel) return;
        if (VowelsAndI.Contains(word.Last) || Vowels.Contains(word.Before(3))) return;
        word[word.Length - 2] = word.Last;
        word.Cut(1);
    }

    private static bool IsNonVowel(char letter, SearchValues<char> vowels) => letter != '\0' && !vowels.Contains(letter);
}
