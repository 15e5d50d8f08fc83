using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Whuffie.Web;

/// <summary>
/// Renders what people write. Raw HTML is off (it comes out escaped), and links and images
/// may only point to http, https or mailto, so no "javascript:" or "data:" URL gets through.
/// There is no HTML sanitizer package here; these two rules are the sanitizer.
/// </summary>
public static class Markdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    public static string ToHtml(string markdown)
    {
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
            if (!IsAllowed(link.Url)) link.Url = "";
        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            if (!autolink.IsEmail && !IsAllowed(autolink.Url)) autolink.Url = "";
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return AddRel(writer.ToString());
    }

    /// <summary>
    /// The start of what someone wrote, as plain text on one line, for a page's meta description:
    /// search results show about 160 characters, so it ends at a word before that.
    /// </summary>
    public static string Summary(string markdown, int max = 160)
    {
        var text = string.Join(' ', Markdig.Markdown.ToPlainText(markdown, Pipeline).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= max) return text;
        var cut = text.LastIndexOf(' ', max - 1);
        return text[..(cut > max / 2 ? cut : max - 1)] + "…";
    }

    /// <summary>Relative URLs stay (they point into Whuffie); absolute ones need an allowed scheme.</summary>
    private static bool IsAllowed(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        var trimmed = url.Trim();
        var colon = trimmed.IndexOf(':');
        if (colon < 0) return true;
        var slash = trimmed.IndexOfAny(['/', '?', '#']);
        if (slash >= 0 && slash < colon) return true; // the colon is in a path, not a scheme
        var scheme = trimmed[..colon];
        return AllowedSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }

    // Links written by the public must not pass on our reputation to spam sites.
    private static string AddRel(string html) =>
        html.Replace("<a href=\"", "<a rel=\"nofollow ugc noopener\" href=\"", StringComparison.Ordinal);
}
