using Whuffie.Search.Stemming;

namespace Whuffie.Tests.Search.Stemming;

/// <summary>
/// Our stemmers against Snowball itself: {lang}.tsv holds words from Debian's word lists with the stems
/// Debian's python3-snowballstemmer 2.2.0 gives them (generate.py writes the files).
/// </summary>
public sealed class StemmerTests
{
    public static TheoryData<string> Languages() => ["da", "sv", "nb", "nl", "en"];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_reference_word_stems_exactly_as_Snowball_does(string language)
    {
        var stem = Stem(language);
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Search", "Stemming", $"{language}.tsv"));
        Assert.True(lines.Length > 3000, $"{language}.tsv has only {lines.Length} words.");

        var mismatches = lines
            .Select(line => line.Split('\t'))
            .Select(fields => (Word: fields[0], Expected: fields[1], Actual: stem(fields[0])))
            .Where(result => result.Expected != result.Actual)
            .ToList();

        Assert.True(mismatches.Count == 0,
            $"{language}: {mismatches.Count} of {lines.Length} words stem differently from Snowball, first ones (word: expected, actual):\n"
            + string.Join("\n", mismatches.Take(20).Select(m => $"  {m.Word}: {m.Expected}, {m.Actual}")));
    }

    [Theory]
    [InlineData("da", "biblioteker", "bibliotek")]
    [InlineData("da", "bibliotekerne", "bibliotek")]
    [InlineData("sv", "öppettiderna", "öppettider")]
    [InlineData("nb", "biblioteket", "bibliotek")]
    [InlineData("nb", "bibliotekene", "bibliotek")]
    [InlineData("nl", "openingstijden", "openingstijd")]
    [InlineData("nl", "bibliotheken", "bibliotheek")]
    [InlineData("en", "libraries", "library")]
    [InlineData("en", "opening", "opens")]
    public void Forms_a_patron_searches_for_share_a_stem(string language, string word, string otherForm)
    {
        var stem = Stem(language);
        Assert.Equal(stem(otherForm), stem(word));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Empty_and_one_letter_words_stem_to_themselves(string language)
    {
        var stem = Stem(language);
        Assert.Equal("", stem(""));
        foreach (var letter in "aeisyåæø")
            Assert.Equal(letter.ToString(), stem(letter.ToString()));
    }

    [Fact]
    public void Dutch_drops_umlauts_and_acute_accents_even_from_one_letter()
    {
        // Snowball's Dutch prelude does this to every word; "è" keeps its accent.
        Assert.Equal(["a", "o", "e", "è"], new[] { "ä", "ö", "é", "è" }.Select(Stem("nl")));
    }

    [Fact]
    public void A_word_longer_than_the_stack_buffer_is_stemmed_too()
    {
        var word = string.Concat(Enumerable.Repeat("bibliotek", 10)) + "erne";
        Assert.Equal(string.Concat(Enumerable.Repeat("bibliotek", 10)), Stem("da")(word));
    }

    [Fact]
    public void A_language_without_a_stemmer_has_none()
    {
        Assert.Null(Stemmers.For("fi"));
    }

    private static Func<string, string> Stem(string language) =>
        Stemmers.For(language) ?? throw new InvalidOperationException($"No stemmer for {language}.");
}
