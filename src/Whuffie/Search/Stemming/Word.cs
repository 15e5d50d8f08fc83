using System.Buffers;

namespace Whuffie.Search.Stemming;

/// <summary>The steps of one language's algorithm, applied to a word in place.</summary>
internal delegate void StemSteps(ref Word word);

/// <summary>
/// A word being stemmed. Snowball's algorithms edit only the end of a word (and, in a prelude, single
/// letters in place), so the letters live in a buffer on the stack and the stem costs one string at most.
/// </summary>
internal ref struct Word
{
    private readonly Span<char> letters;

    private Word(string text, Span<char> buffer)
    {
        text.CopyTo(buffer);
        letters = buffer;
        Length = text.Length;
    }

    public int Length { readonly get; private set; }

    public readonly ReadOnlySpan<char> Text => letters[..Length];

    public readonly char this[int index]
    {
        get => letters[index];
        set => letters[index] = value;
    }

    /// <summary>The last letter, or '\0' for an empty word, which belongs to no letter group.</summary>
    public readonly char Last => Before(0);

    /// <summary>The letter before the last <paramref name="count"/> letters, or '\0' where there is none.</summary>
    public readonly char Before(int count) => Length > count ? letters[Length - count - 1] : '\0';

    public readonly bool EndsWith(string suffix) => Text.EndsWith(suffix.AsSpan());

    /// <summary>
    /// Snowball's <c>among</c>: the longest of <paramref name="suffixes"/> the word ends with, counting only
    /// those that start at or after <paramref name="regionStart"/>; null when none does. The algorithms
    /// act on that longest match alone: when its condition fails, a shorter suffix gets no second chance.
    /// </summary>
    public readonly string? Longest(string[] suffixes, int regionStart = 0)
    {
        string? longest = null;
        foreach (var suffix in suffixes)
        {
            if (suffix.Length <= Length - regionStart && suffix.Length > (longest?.Length ?? 0) && EndsWith(suffix))
                longest = suffix;
        }
        return longest;
    }

    /// <summary>
    /// Where a region (R1, R2) begins: just after the first non-vowel that follows a vowel, looking from
    /// <paramref name="from"/>; the end of the word when there is no such non-vowel.
    /// </summary>
    public readonly int RegionAfter(int from, SearchValues<char> vowels)
    {
        var rest = Text[from..];
        var vowel = rest.IndexOfAny(vowels);
        if (vowel < 0) return Length;
        var nonVowel = rest[(vowel + 1)..].IndexOfAnyExcept(vowels);
        return nonVowel < 0 ? Length : from + vowel + 1 + nonVowel + 1;
    }

    /// <summary>
    /// R1 of the Danish, Swedish and Norwegian algorithms: the usual region, moved right where needed so
    /// that at least three letters come before it. A word shorter than three letters has no R1.
    /// </summary>
    public readonly int ScandinavianR1(SearchValues<char> vowels) =>
        Length < 3 ? Length : Math.Max(3, RegionAfter(0, vowels));

    /// <summary>
    /// Step 1 of the Danish and Swedish algorithms: the longest main suffix in R1 goes; a bare "s"
    /// only after one of <paramref name="sEndings"/> (a letter that may lie before R1).
    /// </summary>
    public void CutMainSuffix(string[] suffixes, SearchValues<char> sEndings, int r1)
    {
        switch (Longest(suffixes, r1))
        {
            case null:
                return;
            case "s":
                if (sEndings.Contains(Before(1))) Cut(1);
                return;
            case var suffix:
                Cut(suffix.Length);
                return;
        }
    }

    /// <summary>Step 2 of the Scandinavian algorithms: a word ending in one of these pairs within R1 loses its last letter ("kt" → "k").</summary>
    public void CutConsonantPair(string[] pairs, int r1)
    {
        if (Longest(pairs, r1) is not null) Cut(1);
    }

    public void Cut(int count) => Length -= count;

    public void ReplaceEnd(int count, string replacement)
    {
        Length -= count;
        Append(replacement);
    }

    public void Append(string text)
    {
        text.CopyTo(letters[Length..]);
        Length += text.Length;
    }

    public void RemoveFirst()
    {
        letters[1..Length].CopyTo(letters);
        Length--;
    }

    public readonly void ReplaceAll(char from, char to) => letters[..Length].Replace(from, to);

    /// <summary>Runs <paramref name="steps"/> on a copy of <paramref name="text"/>; an unchanged word comes back as the same string.</summary>
    public static string Stem(string text, StemSteps steps)
    {
        // One spare letter: English step 1b may add an "e"; no other step makes a word longer.
        Span<char> buffer = text.Length < 64 ? stackalloc char[64] : new char[text.Length + 1];
        var word = new Word(text, buffer);
        steps(ref word);
        return word.Text.SequenceEqual(text) ? text : new string(word.Text);
    }
}
