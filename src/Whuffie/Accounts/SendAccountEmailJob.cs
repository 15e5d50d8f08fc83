using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Whuffie.Background;
using Whuffie.Data;
using Whuffie.Mail;

namespace Whuffie.Accounts;

/// <summary>
/// Sends one account email through the SMTP server and erases its body. Without a server
/// (allowed in Production only with Mail:DevMailbox), it goes nowhere: the dev mailbox is for
/// staff, and these links open someone's account. In Development its text is logged instead, so
/// whoever runs the app on their own machine can follow the link.
/// </summary>
public sealed class SendAccountEmailJob(WhuffieDb db, IServiceProvider services, IDataProtectionProvider protection, IHostEnvironment env,
    IOptions<JobOptions> jobs, TimeProvider clock, ILogger<SendAccountEmailJob> log) : IJobHandler
{
    public const string Kind = "send-account-email";

    public sealed record Payload(string MessageId);

    public async Task RunAsync(ClaimedJob job, CancellationToken ct)
    {
        var id = job.ReadPayload<Payload>().MessageId;
        var email = await db.AccountEmails.FirstOrDefaultAsync(e => e.MessageId == id, ct);
        if (email is not { State: EmailState.Pending, ProtectedBody: { } body }) return;
        var text = protection.CreateProtector(AccountMail.Purpose).Unprotect(body);

        if (services.GetService<SmtpSender>() is not { } sender)
        {
            if (env.IsDevelopment())
                log.LogInformation("No mail server: the {Kind} email to {Address} was not sent. It says:\n{Text}", email.Kind, email.ToAddress, text);
            else
                log.LogWarning("No mail server (Mail:Host): the {Kind} email to user {UserId} was not sent.", email.Kind, email.UserId);
            await FinishAsync(email, EmailState.InMailbox, null, ct);
            return;
        }

        var result = await sender.SendAsync(new Email(new Mailbox(email.ToAddress), email.Subject, text, email.MessageId)
        {
            Language = email.Language,
            Headers = new Dictionary<string, string> { ["Auto-Submitted"] = "auto-generated" },
        }, ct);
        if (result.Sent) await FinishAsync(email, EmailState.Sent, null, ct);
        else if (result.Status == SendStatus.Permanent || job.Attempt >= jobs.Value.MaxAttempts) await FinishAsync(email, EmailState.Failed, result.ToString(), ct);
        else
        {
            log.LogWarning("Account email {MessageId} not sent yet (attempt {Attempt}): {Result}", email.MessageId, job.Attempt, result);
            throw new InvalidOperationException(result.ToString());
        }
    }

    private async Task FinishAsync(AccountEmail email, EmailState state, string? error, CancellationToken ct)
    {
        email.State = state;
        email.ProtectedBody = null;
        email.SentAt = state == EmailState.Failed ? null : clock.GetUtcNow().UtcDateTime;
        email.LastError = error is { Length: > Job.ErrorMaxLength } ? error[..Job.ErrorMaxLength] : error;
        await db.SaveChangesAsync(ct);
    }
}
