using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Whuffie.Background;
using Whuffie.Data;

namespace Whuffie.Mail;

/// <summary>
/// Delivers one outbox email. Transient failures (the server busy or away, our own settings)
/// throw, so the job queue retries with growing waits; a permanent refusal, or the last
/// retry, marks the email failed with the server's words. Without an SMTP server configured,
/// the email goes to the dev mailbox instead. An email already delivered is never sent again.
/// "Sent" is recorded just before the final "." of the SMTP data (the server delivers nothing
/// without it), so a process killed mid-send neither loses nor repeats a message; only a reply
/// other than 250 after the "." takes the record back.
/// </summary>
public sealed class SendEmailJob(WhuffieDb db, IServiceProvider services, IOptions<JobOptions> jobs, TimeProvider clock, ILogger<SendEmailJob> log) : IJobHandler
{
    public const string Kind = "send-email";

    public sealed record Payload(long EmailId);

    public async Task RunAsync(ClaimedJob job, CancellationToken ct)
    {
        var id = job.ReadPayload<Payload>().EmailId;
        // The job is not tenant-bound; the email row says whose it is.
        var email = await db.OutboxEmails.IgnoreQueryFilters().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (email is null || email.State != EmailState.Pending) return;
        var now = clock.GetUtcNow().UtcDateTime;

        // Turned off after it was written: respect it.
        if (!await db.Users.AnyAsync(u => u.Id == email.UserId && u.EmailNotifications, ct))
        {
            await SetStateAsync(email, EmailState.Withdrawn, null, null, ct);
            return;
        }

        if (services.GetService<SmtpSender>() is not { } sender)
        {
            await SetStateAsync(email, EmailState.InMailbox, now, null, ct);
            return;
        }

        // The record goes out on a connection opened now, so that starting it below sends it at once.
        await db.Database.OpenConnectionAsync(ct);
        Task<int>? recording = null;
        var recorded = false;
        SendResult result;
        try
        {
            result = await sender.SendAsync(new Email(new Mailbox(email.ToAddress, email.ToName), email.Subject, email.TextBody, email.MessageId)
            {
                HtmlBody = email.HtmlBody,
                Language = email.Language,
                ListUnsubscribe = email.UnsubscribeUrl is null ? null : new Uri(email.UnsubscribeUrl),
                Headers = new Dictionary<string, string> { ["Auto-Submitted"] = "auto-generated" },
            }, () =>
            {
                // Started, not awaited: the update is written to the database's socket before this
                // returns, and MailKit writes the final "." right after, so the database's answer is read
                // while the server takes the dot. A kill then loses a recorded email only between those two
                // writes on one thread; waiting here for the answer made that moment as long as a busy
                // machine takes to wake this thread (1 in 12 crash runs under load; decision 005). Not cancellable:
                // past this point the server may have it.
                recording = SetStateAsync(email, EmailState.Pending, EmailState.Sent, clock.GetUtcNow().UtcDateTime, null, CancellationToken.None);
            }, ct);
        }
        finally
        {
            // Known before anything else happens, also when the send threw (cancelled, say).
            if (recording is not null) recorded = await recording == 1;
        }
        if (recording is not null && !recorded)
            // Only when a lease ran out mid-send (the job is cancelled well before): another worker took it.
            log.LogError("Email {EmailId} was sent while another worker held it; it may arrive twice.", email.Id);

        if (result.Sent) return;
        // The server did not take it after all: take the record back, then retry or give up.
        var from = recorded ? EmailState.Sent : EmailState.Pending;
        if (result.Status == SendStatus.Permanent || job.Attempt >= jobs.Value.MaxAttempts)
            await SetStateAsync(email, from, EmailState.Failed, null, result.ToString(), CancellationToken.None);
        else
        {
            if (recorded) await SetStateAsync(email, from, EmailState.Pending, null, result.ToString(), CancellationToken.None);
            log.LogWarning("Email {EmailId} not sent yet (attempt {Attempt}): {Result}", email.Id, job.Attempt, result);
            throw new InvalidOperationException(result.ToString());
        }
    }

    private Task SetStateAsync(OutboxEmail email, EmailState state, DateTime? sentAt, string? error, CancellationToken ct) =>
        SetStateAsync(email, EmailState.Pending, state, sentAt, error, ct);

    /// <summary>Moves the email from one state to another; 0 when it was not in <paramref name="from"/> (another worker moved it).</summary>
    private Task<int> SetStateAsync(OutboxEmail email, EmailState from, EmailState to, DateTime? sentAt, string? error, CancellationToken ct)
    {
        if (error is { Length: > Job.ErrorMaxLength }) error = error[..Job.ErrorMaxLength];
        return db.OutboxEmails.IgnoreQueryFilters().Where(e => e.Id == email.Id && e.State == from)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, to).SetProperty(e => e.SentAt, sentAt).SetProperty(e => e.LastError, error), ct);
    }
}
