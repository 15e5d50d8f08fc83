using System.Buffers;

namespace Whuffie.Search.Stemming;

/// <summary>Snowball's English stemmer, "Porter2" (snowballstem.org/algorithms/english), as Snowball 2.2.0 has it.</summary>
internal static class EnglishStemmer
{
    // "y" is a vowel unless the prelude marked it "Y" (a consonant).
    private static readonly SearchValues<char> Vowels = SearchValues.Create("aeiouy");
    private static readonly SearchValues<char> VowelsWxY = SearchValues.Create("aeiouywxY");
    private static readonly SearchValues<char> LiEndings = SearchValues.Create("cdeghkmnrt");

    private static readonly string[] Apostrophes = ["'s'", "'s", "'"];
    private static readonly string[] Step1aSuffixes = ["sses", "ied", "ies", "ss", "us", "s"];
    private static readonly string[] Step1bSuffixes = ["eedly", "eed", "ingly", "edly", "ing", "ed"];
    private static readonly string[] Doubles = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"];

    private static readonly string[] Step2Suffixes =
    [
        "tional", "enci", "anci", "abli", "entli", "izer", "ization", "ational", "ation", "ator", "alism", "aliti",
        "alli", "fulness", "ousli", "ousness", "iveness", "iviti", "biliti", "bli", "ogi", "fulli", "lessli", "li",
    ];

    private static readonly string[] Step3Suffixes =
        ["tional", "ational", "alize", "icate", "iciti", "ical", "ful", "ness", "ative"];

    private static readonly string[] Step4Suffixes =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous",
        "ive", "ize", "ion",
    ];

    public static string Stem(string word)
    {
        if (Exception1(word) is { } stem) return stem;
        return word.Length < 3 ? word : Word.Stem(word, Steps);
    }

    // Words the rules would get wrong, looked up whole before anything else.
    private static string? Exception1(string word) => word switch
    {
        "skis" => "ski",
        "skies" => "sky",
        "dying" => "die",
        "lying" => "lie",
        "tying" => "tie",
        "idly" => "idl",
        "gently" => "gentl",
        "ugly" => "ugli",
        "early" => "earli",
        "only" => "onli",
        "singly" => "singl",
        "sky" or "news" or "howe" or "atlas" or "cosmos" or "bias" or "andes" => word,
        _ => null,
    };

    private static void Steps(ref Word word)
    {
        var yFound = Prelude(ref word);
        var r1 = word.Text.StartsWith("gener") ? 5
            : word.Text.StartsWith("commun") ? 6
            : word.Text.StartsWith("arsen") ? 5
            : word.RegionAfter(0, Vowels);
        var r2 = word.RegionAfter(r1, Vowels);

        Step1a(ref word);
        // Exception 2: after step 1a, these words are left as they are.
        if (word.Text is not ("inning" or "outing" or "canning" or "herring" or "earring" or "proceed" or "exceed" or "succeed"))
        {
            Step1b(ref word, r1);
            Step1c(ref word);
            Step2(ref word, r1);
            Step3(ref word, r1, r2);
            Step4(ref word, r2);
            Step5(ref word, r1, r2);
        }
        if (yFound) word.ReplaceAll('Y', 'y');
    }

    // Prelude: drop a leading apostrophe; mark an initial "y" and a "y" after a vowel as the consonant "Y".
    // The scan runs left to right, so "Y" no longer counts as the vowel before the next letter.
    private static bool Prelude(ref Word word)
    {
        if (word[0] == '\'') word.RemoveFirst();
        var found = false;
        for (var i = 0; i < word.Length; i++)
        {
            if (word[i] == 'y' && (i == 0 || Vowels.Contains(word[i - 1])))
            {
                word[i] = 'Y';
                found = true;
            }
        }
        return found;
    }

    // Step 0 and step 1a: apostrophe endings, then plurals.
    private static void Step1a(ref Word word)
    {
        if (word.Longest(Apostrophes) is { } apostrophe) word.Cut(apostrophe.Length);
        switch (word.Longest(Step1aSuffixes))
        {
            case "sses":
                word.Cut(2);
                return;
            case "ied" or "ies":
                // "ties" → "tie", but "cries" → "cri": "i" only after more than one letter.
                word.ReplaceEnd(3, word.Length > 4 ? "i" : "ie");
                return;
            case "s":
                // "gaps" → "gap", but "gas" stays: a vowel must come before the letter before the "s".
                if (word.Length >= 2 && word.Text[..(word.Length - 2)].ContainsAny(Vowels)) word.Cut(1);
                return;
        }
    }

    // Step 1b: "eed"/"eedly" → "ee" in R1; "ed", "edly", "ing", "ingly" go after a vowel, and then the stem is
    // tidied: "at", "bl", "iz" get an "e", a double consonant loses one, a short word gets an "e".
    private static void Step1b(ref Word word, int r1)
    {
        switch (word.Longest(Step1bSuffixes))
        {
            case null:
                return;
            case ("eed" or "eedly") and var suffix:
                if (word.Length - suffix.Length >= r1) word.ReplaceEnd(suffix.Length, "ee");
                return;
            case var suffix:
                if (!word.Text[..(word.Length - suffix.Length)].ContainsAny(Vowels)) return;
                word.Cut(suffix.Length);
                if (word.EndsWith("at") || word.EndsWith("bl") || word.EndsWith("iz")) word.Append("e");
                else if (word.Longest(Doubles) is not null) word.Cut(1);
                // A word is short when R1 is empty, i.e. starts exactly at its end now, and it ends in a short syllable.
                else if (word.Length == r1 && EndsWithShortSyllable(word.Text)) word.Append("e");
                return;
        }
    }

    // Step 1c: a final "y"/"Y" after a non-vowel that is not the first letter becomes "i" ("cry" → "cri", "by" stays).
    private static void Step1c(ref Word word)
    {
        if (word.Length >= 3 && word.Last is 'y' or 'Y' && !Vowels.Contains(word.Before(1))) word[word.Length - 1] = 'i';
    }

    // Step 2: the longest of these suffixes, when in R1, is replaced.
    private static void Step2(ref Word word, int r1)
    {
        var suffix = word.Longest(Step2Suffixes);
        if (suffix is null || word.Length - suffix.Length < r1) return;
        var replacement = suffix switch
        {
            "tional" => "tion",
            "enci" => "ence",
            "anci" => "ance",
            "abli" => "able",
            "entli" => "ent",
            "izer" or "ization" => "ize",
            "ational" or "ation" or "ator" => "ate",
            "alism" or "aliti" or "alli" => "al",
            "fulness" or "fulli" => "ful",
            "ousli" or "ousness" => "ous",
            "iveness" or "iviti" => "ive",
            "biliti" or "bli" => "ble",
            "lessli" => "less",
            "ogi" when word.Before(3) == 'l' => "og",
            "li" when LiEndings.Contains(word.Before(2)) => "",
            _ => null,
        };
        if (replacement is not null) word.ReplaceEnd(suffix.Length, replacement);
    }

    // Step 3: the longest of these suffixes, when in R1, is replaced; "ative" goes only in R2.
    private static void Step3(ref Word word, int r1, int r2)
    {
        var suffix = word.Longest(Step3Suffixes);
        if (suffix is null || word.Length - suffix.Length < r1) return;
        var replacement = suffix switch
        {
            "tional" => "tion",
            "ational" => "ate",
            "alize" => "al",
            "icate" or "iciti" or "ical" => "ic",
            "ful" or "ness" => "",
            "ative" when word.Length - suffix.Length >= r2 => "",
            _ => null,
        };
        if (replacement is not null) word.ReplaceEnd(suffix.Length, replacement);
    }

    // Step 4: the longest of these suffixes goes when in R2; "ion" only after "s" or "t".
    private static void Step4(ref Word word, int r2)
    {
        var suffix = word.Longest(Step4Suffixes);
        if (suffix is null || word.Length - suffix.Length < r2) return;
        if (suffix != "ion" || word.Before(3) is 's' or 't') word.Cut(suffix.Length);
    }

    // Step 5: a final "e" goes in R2, or in R1 when no short syllable precedes it; a final "l" goes in R2 after "l".
    private static void Step5(ref Word word, int r1, int r2)
    {
        var start = word.Length - 1;
        if (word.Last == 'e' && (start >= r2 || (start >= r1 && !EndsWithShortSyllable(word.Text[..start]))))
            word.Cut(1);
        else if (word.Last == 'l' && start >= r2 && word.Before(1) == 'l')
            word.Cut(1);
    }

    // A short syllable: a non-vowel, a vowel, then a non-vowel other than "w", "x", "Y";
    // or, at the start of the word, a vowel and a non-vowel.
    private static bool EndsWithShortSyllable(ReadOnlySpan<char> text) =>
        text.Length == 2
            ? Vowels.Contains(text[0]) && !Vowels.Contains(text[1])
            : text.Length >= 3 && !VowelsWxY.Contains(text[^1]) && Vowels.Contains(text[^2]) && !Vowels.Contains(text[^3]);
}
