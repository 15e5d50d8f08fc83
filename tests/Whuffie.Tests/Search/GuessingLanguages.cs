using Whuffie.Search;

namespace Whuffie.Tests.Search;

public sealed class GuessingLanguages
{
    private static readonly string[] All = ["da", "sv", "nb", "nl", "en"];

    [Theory]
    [InlineData("da", "Vi vil gerne have flere bøger om havet, for det er noget som mange af os mangler.")]
    [InlineData("sv", "Vi vill ha fler böcker om havet, för det är något som många av oss saknar.")]
    [InlineData("nb", "Vi vil gjerne ha flere bøker om havet, for det er noe som mange av oss savner.")]
    [InlineData("nl", "Wij willen graag meer boeken over de zee, want dat is iets wat veel van ons missen.")]
    [InlineData("en", "We would like more books about the sea, because it is something many of us miss.")]
    public void A_sentence_or_two_tells_the_five_languages_apart(string language, string text)
    {
        Assert.Equal(language, LanguageGuess.Guess(text, All));
        // Whichever comes first in the organization's list.
        Assert.Equal(language, LanguageGuess.Guess(text, [.. All.Reverse()]));
    }

    [Fact]
    public void Without_clues_the_organizations_main_language_wins()
    {
        Assert.Equal("sv", LanguageGuess.Guess("Cykelbanor", ["sv", "en"]));
        Assert.Equal("da", LanguageGuess.Guess("12345", ["da", "en"]));
        Assert.Equal("nl", LanguageGuess.Guess("", ["nl"]));
    }
}
