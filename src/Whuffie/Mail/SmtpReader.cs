using System.Text;

namespace Whuffie.Mail;

/// <summary>A server reply: its code and its text lines (RFC 5321 §4.2).</summary>
internal sealed record SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    public override string ToString() => $"{Code} {string.Join(" / ", Lines)}".TrimEnd();
}

/// <summary>The server said something that is not an SMTP reply.</summary>
internal sealed class SmtpProtocolException(string message) : Exception(message);

/// <summary>
/// Reads replies from the session's stream, whichever it is at the moment (plain, then TLS):
/// the buffer lives here, so the connection can check it is empty before STARTTLS's handshake.
/// </summary>
internal sealed class SmtpReader
{
    // RFC 5321 §4.5.3.1.5 limits a reply line to 512 octets; some servers send longer ones.
    private const int MaxLine = 4096;
    private const int MaxLines = 100;

    private readonly byte[] _buffer = new byte[MaxLine + 2];
    private int _start;
    private int _end;

    public bool HasBufferedData => _end > _start;

    /// <summary>
    /// Reads "250-first", "250-more", "250 last" as one reply: every line starts with the same
    /// three digits, and a space (or nothing) after them marks the last (RFC 5321 §4.2.1).
    /// </summary>
    public async Task<SmtpReply> ReadReplyAsync(Stream stream, CancellationToken ct)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync(stream, ct);
            if (line.Length < 3 || !line[..3].All(char.IsAsciiDigit) || (line.Length > 3 && line[3] is not (' ' or '-')))
                throw new SmtpProtocolException($"The server's answer is not an SMTP reply: '{Printable(line)}'.");
            var code = int.Parse(line[..3], System.Globalization.CultureInfo.InvariantCulture);
            if (lines.Count > 0 && code != CodeOf(lines[0]))
                throw new SmtpProtocolException($"A multi-line reply changed its code: '{Printable(line)}'.");
            lines.Add(line);
            if (line.Length == 3 || line[3] == ' ') return new SmtpReply(code, lines.Select(l => l.Length > 4 ? l[4..] : "").ToList());
            if (lines.Count > MaxLines) throw new SmtpProtocolException($"A reply of more than {MaxLines} lines.");
        }
    }

    private async Task<string> ReadLineAsync(Stream stream, CancellationToken ct)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                // Lenient about a bare LF, as servers are about ours never being one.
                var length = newline - _start;
                if (length > 0 && _buffer[newline - 1] == '\r') length--;
                var line = Encoding.UTF8.GetString(_buffer, _start, length);
                _start = newline + 1;
                return line;
            }
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length) throw new SmtpProtocolException($"A reply line longer than {MaxLine} characters.");
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct);
            if (read == 0) throw new IOException("The server closed the connection.");
            _end += read;
        }
    }

    private static int CodeOf(string line) => int.Parse(line[..3], System.Globalization.CultureInfo.InvariantCulture);

    private static string Printable(string line) =>
        new(line.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
