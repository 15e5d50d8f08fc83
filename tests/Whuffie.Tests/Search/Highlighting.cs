using Whuffie.Search;

namespace Whuffie.Tests.Search;

public sealed class Highlighting
{
    private static readonly string[] DanishAndEnglish = ["da", "en"];

    [Fact]
    public void Every_form_of_a_searched_word_is_marked_and_the_rest_is_encoded()
    {
        var query = SearchQuery.Parse("bibliotekerne", DanishAndEnglish);

        var html = Highlighter.Mark("Flere <biblioteker> & et nyt Bibliotek", query);

        Assert.Equal("Flere &lt;<mark>biblioteker</mark>&gt; &amp; et nyt <mark>Bibliotek</mark>", html);
    }

    [Fact]
    public void A_snippet_starts_a_little_before_the_first_match_and_says_where_it_was_cut()
    {
        var text = string.Join(' ', Enumerable.Range(1, 100).Select(i => i == 50 ? "svømmehallen" : "ord" + i));
        var query = SearchQuery.Parse("svømmehal", DanishAndEnglish);

        var snippet = Highlighter.Snippet(text, query, words: 20);

        Assert.StartsWith("… ord42 ", snippet);
        Assert.True(snippet.Contains("<mark>svømmehallen</mark>", StringComparison.Ordinal), snippet);
        Assert.EndsWith("ord61 …", snippet);
    }

    [Fact]
    public void A_snippet_of_a_text_without_matches_is_its_beginning()
    {
        var query = SearchQuery.Parse("svømmehal", DanishAndEnglish);
        Assert.Equal("Kort tekst.", Highlighter.Snippet("Kort tekst.", query));
        Assert.Equal("Fed og kursiv & mere", Highlighter.PlainText("<p><strong>Fed</strong> og <em>kursiv</em> &amp; mere</p>"));
    }
}
