using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Accounts;
using Whuffie.Background;
using Whuffie.Data;
using Whuffie.Organizations;

namespace Whuffie.Mail;

public enum EmailState
{
    /// <summary>Written, waiting for the worker.</summary>
    Pending,

    /// <summary>The SMTP server accepted it.</summary>
    Sent,

    /// <summary>No SMTP server is configured: it is in the dev mailbox, which staff read in the app.</summary>
    InMailbox,

    /// <summary>The server refused it for good (or the retries ran out); LastError says why.</summary>
    Failed,

    /// <summary>The person turned email off after it was written; it was never sent.</summary>
    Withdrawn,
}

/// <summary>
/// The email outbox: a message is written here, fully rendered in its recipient's language,
/// in the same transaction as the event that causes it, together with a "send-email" job that
/// delivers it. One row per event and person (<see cref="EventKey"/>, <see cref="UserId"/>),
/// so nobody gets the same news twice; the Message-ID is fixed at writing, so a retry carries
/// the same one and receivers can drop a repeat.
/// </summary>
public sealed class OutboxEmail : ITenantOwned
{
    public const int EventKeyMaxLength = 60;
    public const int SubjectMaxLength = 300;

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int UserId { get; set; }
    public string EventKey { get; set; } = "";
    public string ToAddress { get; set; } = "";
    public string ToName { get; set; } = "";
    public string Language { get; set; } = "en";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public string MessageId { get; set; } = "";
    public string? UnsubscribeUrl { get; set; }
    public EmailState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>
    /// A new email for the outbox: one person, one event. The Message-ID is made from both and
    /// the site, so it is the same on every retry.
    /// </summary>
    public static OutboxEmail Write(int organizationId, string organizationSlug, int userId, string address, string name, string eventKey,
        string language, string subject, string text, string html, string siteUrl, string unsubscribeUrl, DateTime now) => new()
        {
            OrganizationId = organizationId,
            UserId = userId,
            EventKey = eventKey,
            ToAddress = address,
            ToName = name,
            Language = language,
            Subject = subject.Length > SubjectMaxLength ? subject[..SubjectMaxLength] : subject,
            TextBody = text,
            HtmlBody = html,
            MessageId = $"<{eventKey.Replace(':', '-')}.{userId}.{organizationSlug}@{new Uri(siteUrl).Host}>",
            // Mail providers accept one-click unsubscribing only over https (RFC 8058 §3.1).
            UnsubscribeUrl = unsubscribeUrl.StartsWith("https://", StringComparison.Ordinal) ? unsubscribeUrl : null,
            State = EmailState.Pending,
            CreatedAt = now,
        };

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<OutboxEmail>
    {
        public void Configure(EntityTypeBuilder<OutboxEmail> e)
        {
            e.Property(m => m.EventKey).HasMaxLength(EventKeyMaxLength);
            e.Property(m => m.ToAddress).HasMaxLength(256);
            e.Property(m => m.ToName).HasMaxLength(User.DisplayNameMaxLength);
            e.Property(m => m.Language).HasMaxLength(10);
            e.Property(m => m.Subject).HasMaxLength(SubjectMaxLength);
            e.Property(m => m.MessageId).HasMaxLength(200);
            e.Property(m => m.UnsubscribeUrl).HasMaxLength(1000);
            e.Property(m => m.State).HasConversion<string>().HasMaxLength(20);
            e.Property(m => m.LastError).HasMaxLength(Job.ErrorMaxLength);
            e.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => new { m.EventKey, m.UserId }).IsUnique();
            e.HasIndex(m => new { m.OrganizationId, m.State, m.CreatedAt });
        }
    }
}
