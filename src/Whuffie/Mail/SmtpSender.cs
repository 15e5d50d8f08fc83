using Microsoft.Extensions.Options;
using MimeKit;

namespace Whuffie.Mail;

/// <summary>
/// Sends <see cref="Email"/>s through the configured submission server, on MailKit. Each call opens
/// one session and sends its messages over it, one transaction each, then says QUIT. It never throws for a delivery problem: every message gets a <see cref="SendResult"/>
/// (cancellation of <c>ct</c> ends a batch early, see <see cref="SendBatchAsync"/>, and ends a
/// single send with an exception). Safe to share: it keeps no session between calls.
/// </summary>
public sealed class SmtpSender(IOptions<MailOptions> options, TimeProvider clock, ILogger<SmtpSender> log)
{
    private readonly MailOptions _options = options.Value;

    public async Task<SendResult> SendAsync(Email email, CancellationToken ct = default) =>
        (await SendBatchAsync([email], ct))[0];

    /// <summary>
    /// Sends one message and calls <paramref name="beforeEnd"/> just before the data's final "."
    /// (see <see cref="SmtpSession.SendAsync"/>): the outbox records "sent" there, so a crash
    /// of this process neither loses a message it recorded nor repeats one it did not.
    /// </summary>
    public async Task<SendResult> SendAsync(Email email, Action beforeEnd, CancellationToken ct = default) =>
        (await SendCoreAsync([email], beforeEnd, ct))[0];

    /// <summary>
    /// Sends the messages over one connection, in order; the results are in the same order. A
    /// message the server refuses does not stop the others; a lost connection leaves the rest
    /// <see cref="SendStatus.Transient"/>, untried. Cancelling <paramref name="ct"/> does the same
    /// from the message under way on (the server may have that one, so it is sent again with its
    /// Message-ID): the results of those already sent still count.
    /// </summary>
    public Task<IReadOnlyList<SendResult>> SendBatchAsync(IReadOnlyList<Email> emails, CancellationToken ct = default) =>
        SendCoreAsync(emails, null, ct);

    private async Task<IReadOnlyList<SendResult>> SendCoreAsync(IReadOnlyList<Email> emails, Action? beforeEnd, CancellationToken ct)
    {
        var results = new SendResult?[emails.Count];
        var written = new MimeMessage?[emails.Count];
        for (var i = 0; i < emails.Count; i++)
        {
            try
            {
                written[i] = EmailComposer.Compose(emails[i], emails[i].From ?? _options.Sender, emails[i].Date ?? clock.GetUtcNow());
            }
            catch (ArgumentException e)
            {
                results[i] = new SendResult(emails[i].MessageId, SendStatus.Permanent, SmtpStage.Compose, null, e.Message);
            }
        }

        if (results.Any(r => r is null)) await SendWrittenAsync(emails, written, results, beforeEnd, ct);
        var done = results.Select(r => r!).ToList();
        foreach (var failure in done.Where(r => !r.Sent)) log.LogWarning("Mail not sent: {Result}", failure);
        log.LogInformation("Sent {Sent} of {Count} messages through {Host}:{Port}.", done.Count(r => r.Sent), done.Count, _options.Host, _options.EffectivePort);
        return done;
    }

    private async Task SendWrittenAsync(IReadOnlyList<Email> emails, MimeMessage?[] written, SendResult?[] results, Action? beforeEnd, CancellationToken ct)
    {
        SmtpSession connection;
        try
        {
            connection = await SmtpSession.OpenAsync(_options, clock, ct);
        }
        catch (SmtpException e)
        {
            FillRemaining(emails, results, e);
            return;
        }
        catch (OperationCanceledException e) when (ct.IsCancellationRequested && beforeEnd is null)
        {
            FillRemaining(emails, results, CutShort(SmtpStage.Connect, e));
            return;
        }

        await using (connection)
        {
            for (var i = 0; i < emails.Count; i++)
            {
                if (results[i] is not null) continue;
                try
                {
                    // The envelope carries the bare addresses; the headers keep the names.
                    var from = new MailboxAddress(null, EmailComposer.AsciiAddress((emails[i].From ?? _options.Sender).Address));
                    var to = new MailboxAddress(null, EmailComposer.AsciiAddress(emails[i].To.Address));
                    await connection.SendAsync(written[i]!, from, to, ct, beforeEnd);
                    results[i] = new SendResult(emails[i].MessageId, SendStatus.Sent);
                }
                catch (SmtpException e)
                {
                    results[i] = e.ToResult(emails[i].MessageId);
                    if (!connection.IsOpen)
                    {
                        FillRemaining(emails, results, e);
                        return;
                    }
                }
                catch (OperationCanceledException e) when (ct.IsCancellationRequested && beforeEnd is null)
                {
                    // A single send with beforeEnd keeps the exception: its caller may have recorded it sent.
                    FillRemaining(emails, results, CutShort(SmtpStage.Data, e));
                    return;
                }
            }
            await connection.QuitAsync();
        }
    }

    private static SmtpException CutShort(SmtpStage stage, OperationCanceledException e) =>
        new(stage, SendStatus.Transient, "cut short before the server's answer (the time ran out or the app stopped)", null, e);

    private static void FillRemaining(IReadOnlyList<Email> emails, SendResult?[] results, SmtpException cause)
    {
        for (var i = 0; i < emails.Count; i++)
            results[i] ??= new SendResult(emails[i].MessageId, SendStatus.Transient, cause.Stage, cause.ReplyCode, cause.Message);
    }
}
