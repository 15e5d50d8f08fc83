using System.Net;
using System.Text;
using Whuffie.Ideas;
using Whuffie.Mail;
using Whuffie.Organizations;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Following;

/// <summary>What happened, as every recipient of one event is told it.</summary>
public sealed record NewsEvent(NotificationKind Kind, string Key, int ActorId, string ActorName, IdeaStatus? Status, string Text, bool ByStaff);

/// <summary>The idea the news is about.</summary>
public sealed record NewsIdea(int Id, int Number, string Title, int AuthorId);

/// <summary>One person to tell.</summary>
public sealed record Recipient(int Id, string? Email, string DisplayName, bool EmailNotifications, string? Language);

/// <summary>
/// Writes the email for one event and one person, in that person's language: a plain-text part
/// (always) and a simple HTML one with the same words, a link to the idea, and a way out that
/// takes one click (RFC 8058's List-Unsubscribe when the site is served over https).
/// </summary>
public static class FollowerMail
{
    /// <summary>The email for one person; <paramref name="coContributor"/>: staff credited them for shaping the idea, which a launch says.</summary>
    public static OutboxEmail Compose(Organization org, NewsIdea idea, NewsEvent news, Recipient to, bool coContributor, string siteUrl, string unsubscribeUrl, DateTime now)
    {
        var language = Languages.IsSupported(to.Language) ? to.Language! : org.DefaultLanguage;
        using var _ = Languages.Speak(language);

        var ideaUrl = $"{siteUrl}{IdeaRow.IdeaUrl(org.Slug, idea.Number, idea.Title)}";
        var launched = news.Kind == NotificationKind.Status && news.Status == IdeaStatus.Launched;
        var subject = news.Kind switch
        {
            NotificationKind.Status when launched => T("Mail.Launched.Subject", org.Name, idea.Title),
            NotificationKind.Status => T("Mail.Status.Subject", idea.Title, news.Status!.Value.Label()),
            _ => T("Mail.Comment.Subject", news.ActorName, idea.Title),
        };

        // Paragraphs, each written once and shown in both parts.
        var paragraphs = new List<string>
        {
            T("Mail.Greeting", to.DisplayName),
            news.Kind == NotificationKind.Status
                ? T("Mail.Status.Lead", news.ActorName, org.Name, idea.Title, news.Status!.Value.Label())
                : T("Mail.Comment.Lead", news.ActorName, idea.Title),
        };
        var quote = news.Text.Trim();
        if (launched && idea.AuthorId == to.Id) paragraphs.Add(T("Mail.Launched.Credit", org.Name));
        else if (launched && coContributor) paragraphs.Add(T("Mail.Launched.CoCredit", org.Name));
        if (launched) paragraphs.Add(T("Mail.Launched.DidItHelp", org.Name));
        var open = T("Mail.Open");
        var footer = T("Mail.Footer", org.Name);
        var stop = T("Mail.Stop");

        var text = new StringBuilder();
        text.Append(paragraphs[0]).Append("\n\n").Append(paragraphs[1]).Append("\n\n");
        foreach (var line in quote.Split('\n')) text.Append("> ").Append(line.TrimEnd('\r')).Append('\n');
        foreach (var paragraph in paragraphs.Skip(2)) text.Append('\n').Append(paragraph).Append('\n');
        text.Append('\n').Append(open).Append(": ").Append(ideaUrl).Append("\n\n-- \n")
            .Append(footer).Append('\n').Append(stop).Append(": ").Append(unsubscribeUrl).Append('\n');

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(language).Append("\"><body>");
        html.Append("<p>").Append(E(paragraphs[0])).Append("</p><p>").Append(E(paragraphs[1])).Append("</p>");
        html.Append("<blockquote>").Append(Markdown.ToHtml(quote)).Append("</blockquote>");
        foreach (var paragraph in paragraphs.Skip(2)) html.Append("<p>").Append(E(paragraph)).Append("</p>");
        html.Append("<p><a href=\"").Append(E(ideaUrl)).Append("\">").Append(E(open)).Append("</a></p><hr>");
        html.Append("<p><small>").Append(E(footer)).Append(" <a href=\"").Append(E(unsubscribeUrl)).Append("\">")
            .Append(E(stop)).Append("</a></small></p></body></html>");

        return OutboxEmail.Write(org.Id, org.Slug, to.Id, to.Email ?? "", to.DisplayName, news.Key, language, subject,
            text.ToString(), html.ToString(), siteUrl, unsubscribeUrl, now);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
