using System.Globalization;
using System.Text.RegularExpressions;
using MimeKit;
using Whuffie.Mail;

namespace Whuffie.Tests.Mail;

/// <summary>
/// What <see cref="EmailComposer"/> makes of an email, as MimeKit writes it for SMTP, checked with
/// small decoders here: our rules (one-line headers, no reserved fields, stable bytes for a retry)
/// and that MimeKit keeps the limits the receivers rely on. That real mail software reads the
/// same messages is checked in <see cref="SendingMail"/>, by Python's email package.
/// </summary>
public sealed partial class WritingMessages
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(1));
    private static readonly Mailbox Library = new("noreply@soeborg-bibliotek.dk", "Søborg Bibliotek");
    private static readonly Mailbox Sofie = new("sofie@example.dk", "Sofie Ærø");

    private static string Write(Email email)
    {
        // As MailKit's SmtpClient writes it: CRLF line ends, no SMTPUTF8.
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        using var bytes = new MemoryStream();
        EmailComposer.Compose(email, email.From ?? Library, email.Date ?? Monday).WriteTo(format, bytes);
        return Encoding.ASCII.GetString(bytes.ToArray());
    }

    private static Email Answer(string subject = "Svar på din idé", string text = "Hej Sofie\nVi har svaret.") =>
        new(Sofie, subject, text, "<outbox-1@whuffie.example>");

    [Fact]
    public void Every_line_ends_in_CRLF_and_fits_in_998_octets()
    {
        var longWord = string.Concat(Enumerable.Repeat("æøå", 1000));
        var message = Write(Answer(subject: "Lang " + string.Concat(Enumerable.Repeat("ærlig snak om øl ", 30)), text: longWord) with
        {
            HtmlBody = $"<p>{longWord}</p>",
        });

        Assert.True(Ascii.IsValid(message));
        Assert.DoesNotMatch(BareLineBreak(), message);
        Assert.EndsWith("\r\n", message);
        var lines = message.Split("\r\n");
        Assert.All(lines, line => Assert.True(line.Length <= 998, $"A line of {line.Length}"));
        // A long subject is folded into many encoded words. MimeKit lets a line of them reach about 85
        // characters, past RFC 2047's 76, which mail clients and Python's parser decode without a defect
        // (docs/decisions/005); quoted-printable keeps to its 76.
        var head = lines.TakeWhile(l => l != "").ToList();
        Assert.True(head.Count(l => l.StartsWith(" =?utf-8?", StringComparison.Ordinal)) > 5, "The subject is not folded");
        Assert.All(head, line => Assert.True(line.Length <= 100, line));
        Assert.All(lines.SkipWhile(l => l != ""), line => Assert.True(line.Length <= 76, line));
    }

    [Fact]
    public void A_non_ascii_subject_becomes_encoded_words_that_decode_to_the_same_text()
    {
        var subject = "Tak for din idé: længere åbningstider på Søborg Bibliotek, også om søndagen 😀";

        var header = Header(Write(Answer(subject)), "Subject");

        Assert.Contains("=?utf-8?b?", header, StringComparison.OrdinalIgnoreCase);
        Assert.True(Ascii.IsValid(header));
        Assert.Equal(subject, DecodeWords(header));
    }

    [Theory]
    [InlineData("Sofie Madsen", "Sofie Madsen <sofie@example.dk>")]
    [InlineData("Madsen, Sofie", "\"Madsen, Sofie\" <sofie@example.dk>")]
    [InlineData("Lars \"staff\" Jensen", "\"Lars \\\"staff\\\" Jensen\" <sofie@example.dk>")]
    [InlineData(null, "sofie@example.dk")]
    public void Display_names_are_plain_quoted_or_encoded_as_they_need(string? name, string expected) =>
        Assert.Equal(expected, Header(Write(Answer() with { To = new Mailbox("sofie@example.dk", name) }), "To"));

    [Fact]
    public void A_non_ascii_display_name_decodes_back()
    {
        var from = Header(Write(Answer() with { From = new Mailbox("info@energie.example", "Energie Utrecht – Hélène Bäckström") }), "From");
        Assert.EndsWith(" <info@energie.example>", from, StringComparison.Ordinal);
        Assert.Equal("Energie Utrecht – Hélène Bäckström", DecodeWords(from[..from.LastIndexOf(' ')]));
    }

    [Fact]
    public void The_body_keeps_the_text_and_its_line_breaks_exactly()
    {
        var text = "Kære Søren,\n\n= is equal, trailing spaces   \ntab\tinside and at the end\t\n.starts with a dot\nFrom the start\n"
            + string.Concat(Enumerable.Repeat("ø", 200)) + "\nend 😀";

        var message = Write(Answer(text: text));
        var body = message[(message.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];

        Assert.Equal(text.Replace("\n", "\r\n"), DecodeQuotedPrintable(body).TrimEnd('\r', '\n'));
        Assert.DoesNotContain("=_", body);
    }

    [Fact]
    public void Header_text_cannot_start_another_header()
    {
        var message = Write(Answer(subject: "Hello\r\nBcc: everyone@example.com") with
        {
            To = new Mailbox("sofie@example.dk", "Sofie\r\nBcc: x@example.com"),
            Headers = new Dictionary<string, string> { ["X-Whuffie-Idea"] = "42\nBcc: y@example.com" },
        });

        Assert.DoesNotContain("\r\nBcc:", message);
        Assert.Equal("Hello Bcc: everyone@example.com", Header(message, "Subject"));
        Assert.Equal("42 Bcc: y@example.com", Header(message, "X-Whuffie-Idea"));
    }

    [Theory]
    [InlineData("From")]
    [InlineData("message-id")]
    [InlineData("Bcc")]
    [InlineData("X-Bad:Name")]
    [InlineData("X Spaced")]
    public void Extra_headers_may_not_replace_ours_or_break_the_syntax(string name) =>
        Assert.Throws<ArgumentException>(() => Write(Answer() with { Headers = new Dictionary<string, string> { [name] = "x" } }));

    [Theory]
    [InlineData("outbox-1@whuffie.example")]
    [InlineData("<no-at-sign>")]
    [InlineData("<two words@whuffie.example>")]
    public void A_malformed_message_id_is_refused(string id) =>
        Assert.Throws<ArgumentException>(() => Write(Answer() with { MessageId = id }));

    [Fact]
    public void An_international_domain_is_written_in_its_ASCII_form()
    {
        var to = Header(Write(Answer() with { To = new Mailbox("sofie@søborg.dk") }), "To");
        Assert.Equal("sofie@xn--sborg-vua.dk", to);
        Assert.Throws<ArgumentException>(() => Write(Answer() with { To = new Mailbox("søren@example.dk") }));
        Assert.Throws<ArgumentException>(() => Write(Answer() with { To = new Mailbox("not-an-address") }));
    }

    [Fact]
    public void The_same_email_is_written_to_the_same_bytes_so_a_retry_is_the_same_message()
    {
        var email = Answer() with { HtmlBody = "<p>Hej</p>" };
        Assert.Equal(Write(email), Write(email));
        Assert.NotEqual(Boundary(Write(email)), Boundary(Write(email with { MessageId = "<outbox-2@whuffie.example>" })));
    }

    [Fact]
    public void A_text_only_email_is_one_text_plain_part()
    {
        var message = Write(Answer());
        Assert.Equal("text/plain; charset=utf-8", Header(message, "Content-Type"));
        Assert.Equal("quoted-printable", Header(message, "Content-Transfer-Encoding"));
        Assert.Equal("1.0", Header(message, "MIME-Version"));
    }

    [Fact]
    public void The_date_is_written_in_English_whatever_the_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("da-DK");
        try
        {
            Assert.Equal("Mon, 23 Nov 2026 09:00:00 +0100", Header(Write(Answer()), "Date"));
            var westward = new DateTimeOffset(2026, 3, 1, 23, 30, 0, new TimeSpan(-5, -30, 0));
            Assert.Equal("Mon, 02 Mar 2026 05:00:00 +0000", Header(Write(Answer() with { Date = westward }), "Date"));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void List_unsubscribe_must_be_an_https_url()
    {
        Assert.Throws<ArgumentException>(() => Write(Answer() with { ListUnsubscribe = new Uri("http://whuffie.example/u/1") }));
        Assert.Throws<ArgumentException>(() => Write(Answer() with { ListUnsubscribe = new Uri("mailto:unsubscribe@whuffie.example") }));
    }

    /// <summary>A header's value, unfolded.</summary>
    private static string Header(string message, string name)
    {
        var head = Folding().Replace(message[..message.IndexOf("\r\n\r\n", StringComparison.Ordinal)], " ");
        var line = head.Split("\r\n").Single(l => l.StartsWith(name + ": ", StringComparison.OrdinalIgnoreCase));
        return line[(name.Length + 2)..];
    }

    private static string Boundary(string message) => BoundaryPattern().Match(message).Groups[1].Value;

    /// <summary>
    /// RFC 2047 §6: decode each encoded-word (B or Q), keep plain words, and drop the white space
    /// between adjacent encoded-words.
    /// </summary>
    private static string DecodeWords(string text)
    {
        var decoded = new StringBuilder();
        var previousEncoded = false;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var m = EncodedWord().Match(word);
            if (decoded.Length > 0 && !(m.Success && previousEncoded)) decoded.Append(' ');
            decoded.Append(!m.Success ? word
                : m.Groups[1].Value is "b" or "B" ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[2].Value))
                : DecodeQuotedPrintable(m.Groups[2].Value.Replace('_', ' ')));
            previousEncoded = m.Success;
        }
        return decoded.ToString();
    }

    private static string DecodeQuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '=') bytes.Add((byte)text[i]);
            else if (text[i + 1] == '\r' && text[i + 2] == '\n') i += 2;
            else
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    [GeneratedRegex("(?<!\r)\n|\r(?!\n)")]
    private static partial Regex BareLineBreak();

    [GeneratedRegex("^=\\?utf-8\\?([BbQq])\\?([^?]*)\\?=$", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWord();

    [GeneratedRegex("\r\n[ \t]+")]
    private static partial Regex Folding();

    [GeneratedRegex("boundary=\"([^\"]+)\"")]
    private static partial Regex BoundaryPattern();
}
