using System.Net;
using System.Text;

namespace Whuffie.Mail;

/// <summary>
/// The short emails that list things (the staff reminder, the daily digest): a greeting, a lead,
/// linked lines, an optional closing link, then the footer and the way out — written once as
/// plain text and once as the same words in HTML.
/// </summary>
public static class ListLetter
{
    public static (string Text, string Html) Write(string language, string greeting, string lead, IReadOnlyList<(string Line, string Url)> items,
        (string Label, string Url)? closing, string? footer, string stopLabel, string unsubscribeUrl)
    {
        var text = new StringBuilder().Append(greeting).Append("\n\n").Append(lead).Append("\n\n");
        foreach (var (line, url) in items) text.Append("- ").Append(line).Append("\n  ").Append(url).Append('\n');
        if (closing is var (label, link)) text.Append('\n').Append(label).Append(": ").Append(link).Append('\n');
        text.Append("\n-- \n");
        if (footer is not null) text.Append(footer).Append('\n');
        text.Append(stopLabel).Append(": ").Append(unsubscribeUrl).Append('\n');

        var html = new StringBuilder().Append("<!DOCTYPE html><html lang=\"").Append(language).Append("\"><body><p>")
            .Append(E(greeting)).Append("</p><p>").Append(E(lead)).Append("</p><ul>");
        foreach (var (line, url) in items) html.Append("<li><a href=\"").Append(E(url)).Append("\">").Append(E(line)).Append("</a></li>");
        html.Append("</ul>");
        if (closing is var (closingLabel, closingUrl)) html.Append("<p><a href=\"").Append(E(closingUrl)).Append("\">").Append(E(closingLabel)).Append("</a></p>");
        html.Append("<hr><p><small>");
        if (footer is not null) html.Append(E(footer)).Append(' ');
        html.Append("<a href=\"").Append(E(unsubscribeUrl)).Append("\">").Append(E(stopLabel)).Append("</a></small></p></body></html>");
        return (text.ToString(), html.ToString());
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
