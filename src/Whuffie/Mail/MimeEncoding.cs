using System.Globalization;
using System.Text;

namespace Whuffie.Mail;

/// <summary>
/// The encodings that keep a message 7-bit ASCII, so it passes any SMTP server unchanged:
/// quoted-printable bodies (RFC 2045 §6.7), encoded-words for non-ASCII header text
/// (RFC 2047), quoted display names (RFC 5322 §3.2.4) and folded header lines (§2.2.3).
/// </summary>
public static class MimeEncoding
{
    private const string Crlf = "\r\n";

    /// <summary>RFC 5322 §2.1.1: lines SHOULD stay within 78 characters and MUST within 998.</summary>
    public const int PreferredLineLength = 78;
    public const int MaxLineLength = 998;

    // RFC 2045 §6.7 (5): encoded lines are at most 76 characters, the soft break's "=" included.
    private const int QuotedPrintableLineLength = 76;

    // UTF-8 bytes per encoded-word: 42 bytes are 56 base64 characters, and with "=?utf-8?B?…?="
    // a word of 68, so "Subject: " and one word fit the preferred 78 (RFC 2047 §2 allows 75).
    private const int EncodedWordBytes = 42;

    /// <summary>
    /// Quoted-printable with CRLF line breaks and a final CRLF. Line breaks in the text stay line
    /// breaks (any of CRLF, CR, LF); long lines get soft breaks. "=_" never occurs in the output,
    /// which is what makes <see cref="MimeWriter"/>'s boundaries safe (RFC 2045 §6.7, note 8 of §5.1).
    /// </summary>
    public static string QuotedPrintable(string text)
    {
        var output = new StringBuilder(text.Length + text.Length / 8);
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            var width = 0;
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                var last = i == bytes.Length - 1;
                // Rule (3): a space or tab at the end of a line would be lost in transport, so encode it.
                var literal = b is >= 33 and <= 126 and not (byte)'=' || (b is (byte)' ' or (byte)'\t' && !last);
                var piece = literal ? ((char)b).ToString() : $"={b:X2}";
                // Leave room for the soft break "=" unless this is the line's last piece.
                if (width + piece.Length > QuotedPrintableLineLength - (last ? 0 : 1))
                {
                    output.Append('=').Append(Crlf);
                    width = 0;
                }
                output.Append(piece);
                width += piece.Length;
            }
            output.Append(Crlf);
        }
        return output.ToString();
    }

    /// <summary>
    /// Unstructured header text (Subject, most extra fields) as the words of a header: plain
    /// when it is ASCII, otherwise UTF-8 "B" encoded-words (RFC 2047 §4.1). Runs of white space,
    /// line breaks included, become one space: header text is one line, and no field can be
    /// broken into two by a caller's text.
    /// </summary>
    public static IReadOnlyList<string> Unstructured(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        // "=?" in plain text could be read as an encoded-word; encoding it avoids the ambiguity.
        return words.All(w => Ascii.IsValid(w) && !w.Contains("=?") && w.All(c => !char.IsControl(c)))
            ? words
            : EncodedWords(string.Join(' ', words));
    }

    /// <summary>
    /// A display name as a phrase (RFC 5322 §3.2.5): plain words when they are all atext,
    /// a quoted-string when ASCII with specials (a comma, a dot), encoded-words otherwise
    /// (RFC 2047 §5 (3) allows them in a phrase, not inside a quoted-string).
    /// </summary>
    public static IReadOnlyList<string> Phrase(string name)
    {
        var words = name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var joined = string.Join(' ', words);
        // "=?" is atext, but plain it could be read as the start of an encoded-word.
        var unambiguous = !joined.Contains("=?");
        if (unambiguous && words.All(w => w.All(IsAtext))) return words;
        if (unambiguous && Ascii.IsValid(joined) && joined.All(c => !char.IsControl(c)))
            return ["\"" + joined.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""];
        return EncodedWords(joined);
    }

    /// <summary>
    /// UTF-8 "B" encoded-words of at most 68 characters. A word never splits one character's
    /// bytes (RFC 2047 §5: each encoded-word holds whole characters). The white space between two
    /// encoded-words is not part of the text (§6.2), so where the text must be split, it is split
    /// after one of its own spaces, which stays inside the first word. Most names then fit in one
    /// word, which also suits Python's email package: it shows a space between encoded-words in a
    /// display name, where §6.2 says there is none.
    /// </summary>
    public static IReadOnlyList<string> EncodedWords(string text)
    {
        var runes = text.EnumerateRunes().ToList();
        var words = new List<string>();
        var start = 0;
        do
        {
            int end = start, bytes = 0, afterSpace = -1;
            while (end < runes.Count && bytes + runes[end].Utf8SequenceLength <= EncodedWordBytes)
            {
                bytes += runes[end].Utf8SequenceLength;
                if (runes[end].Value == ' ') afterSpace = end + 1;
                end++;
            }
            if (end < runes.Count && afterSpace > start) end = afterSpace;
            var chunk = string.Concat(runes.Skip(start).Take(end - start));
            words.Add("=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(chunk)) + "?=");
            start = end;
        }
        while (start < runes.Count);
        return words;
    }

    /// <summary>
    /// One header field, "Name: word word…" and CRLF, folded before a word (CRLF and a space,
    /// RFC 5322 §2.2.3) wherever the line would pass 78 characters.
    /// </summary>
    public static string Field(string name, IReadOnlyList<string> words)
    {
        var field = new StringBuilder(name).Append(':');
        var width = field.Length;
        foreach (var word in words)
        {
            if (width + 1 + word.Length > PreferredLineLength && width > name.Length + 1)
            {
                field.Append(Crlf);
                width = 0;
            }
            field.Append(' ').Append(word);
            width += 1 + word.Length;
            if (width > MaxLineLength)
                throw new ArgumentException($"The {name} header has a word too long for one line ({word.Length} characters).");
        }
        return field.Append(Crlf).ToString();
    }

    /// <summary>A mailbox as in From and To: "phrase &lt;address&gt;" or the bare address.</summary>
    public static IReadOnlyList<string> Mailbox(Mailbox mailbox)
    {
        var address = "<" + Address(mailbox.Address) + ">";
        return string.IsNullOrWhiteSpace(mailbox.Name) ? [address] : [.. Phrase(mailbox.Name), address];
    }

    /// <summary>
    /// The address as SMTP and the headers carry it: a dot-atom local part (RFC 5322 §3.4.1)
    /// and the domain in its ASCII form (an IDN such as "søborg.dk" becomes "xn--sborg-vua.dk"),
    /// since we do not ask the server for SMTPUTF8 (RFC 6531).
    /// </summary>
    public static string Address(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1) throw new ArgumentException($"'{address}' is not an email address.", nameof(address));
        var local = address[..at];
        if (local.Length > 64 || !local.All(c => IsAtext(c) || c == '.') || local.StartsWith('.') || local.EndsWith('.') || local.Contains(".."))
            throw new ArgumentException($"The local part of '{address}' is not one this sender can write (ASCII letters, digits and .!#$%&'*+-/=?^_`{{|}}~).", nameof(address));
        string domain;
        try
        {
            domain = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(address[(at + 1)..]);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The domain of '{address}' is not a valid host name.", nameof(address), e);
        }
        var result = local + "@" + domain;
        // RFC 5321 §4.5.3.1.3: a path is at most 256 octets, the angle brackets included.
        return result.Length <= 254 ? result : throw new ArgumentException($"'{address}' is longer than 254 characters.", nameof(address));
    }

    /// <summary>RFC 5322 §3.2.3 atext: what a word may hold without quoting.</summary>
    private static bool IsAtext(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c);
}
