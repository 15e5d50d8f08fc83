using Whuffie.Web;

namespace Whuffie.Tests;

/// <summary>What people write is shown as Markdown, never as live HTML or script.</summary>
public sealed class MarkdownRendering
{
    [Theory]
    [InlineData("[x](javascript:alert(1))", "javascript:")]
    [InlineData("[x](JavaScript:alert(1))", "avascript:")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:")]
    [InlineData("[x](vbscript:msgbox)", "vbscript:")]
    [InlineData("![x](javascript:alert(1))", "javascript:")]
    [InlineData("[x](&#106;avascript:alert(1))", "avascript:")]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("<a href=\"https://evil.example\">x</a>", "<a href=\"https://evil")]
    [InlineData("<div onmouseover=\"alert(1)\">x</div>", "<div")]
    public void Dangerous_input_comes_out_harmless(string markdown, string forbidden)
    {
        var html = Markdown.ToHtml(markdown);
        Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[site](https://example.org/a?b=1)", "href=\"https://example.org/a?b=1\"")]
    [InlineData("[mail](mailto:info@example.org)", "href=\"mailto:info@example.org\"")]
    [InlineData("[idea](/soeborg/ideas/12)", "href=\"/soeborg/ideas/12\"")]
    [InlineData("see https://example.org", "href=\"https://example.org\"")]
    [InlineData("**bold** and _em_", "<strong>bold</strong>")]
    [InlineData("- one\n- two", "<li>one</li>")]
    public void Ordinary_markdown_and_safe_links_work(string markdown, string expected)
    {
        Assert.Contains(expected, Markdown.ToHtml(markdown));
    }

    [Fact]
    public void Links_from_the_public_carry_nofollow()
    {
        Assert.Contains("rel=\"nofollow ugc noopener\"", Markdown.ToHtml("[site](https://example.org)"));
    }
}
