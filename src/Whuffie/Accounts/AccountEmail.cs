using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Background;
using Whuffie.Mail;

namespace Whuffie.Accounts;

public enum AccountEmailKind
{
    /// <summary>Confirm the address given at sign-up.</summary>
    Confirm,

    /// <summary>A link (and code) to choose a new password.</summary>
    Reset,

    /// <summary>Someone signed up with an address that has an account: tell its owner instead of telling the stranger.</summary>
    AlreadyRegistered,

    /// <summary>A one-time link and code that sign in without a password.</summary>
    SignInLink,
}

/// <summary>
/// An email about a person's account, from the installation rather than an organization (one
/// account spans them all: decision 010). Written with a "send-account-email" job; its body holds
/// a link that opens the account, so it is kept protected by Data Protection and erased once sent:
/// a database backup shows that a link went out, never the link. The rows stay, so the number sent
/// to one address in the last hour can be counted across instances.
/// </summary>
public sealed class AccountEmail
{
    public long Id { get; set; }
    public int UserId { get; set; }
    public AccountEmailKind Kind { get; set; }
    public string ToAddress { get; set; } = "";
    public string Language { get; set; } = "en";
    public string Subject { get; set; } = "";

    /// <summary>The text body, protected; null once sent (or put in the dev mailbox).</summary>
    public string? ProtectedBody { get; set; }

    public string MessageId { get; set; } = "";
    public EmailState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<AccountEmail>
    {
        public void Configure(EntityTypeBuilder<AccountEmail> e)
        {
            e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(m => m.ToAddress).HasMaxLength(256);
            e.Property(m => m.Language).HasMaxLength(10);
            e.Property(m => m.Subject).HasMaxLength(OutboxEmail.SubjectMaxLength);
            e.Property(m => m.MessageId).HasMaxLength(200);
            e.Property(m => m.State).HasConversion<string>().HasMaxLength(20);
            e.Property(m => m.LastError).HasMaxLength(Job.ErrorMaxLength);
            e.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => new { m.ToAddress, m.CreatedAt });
            e.HasIndex(m => m.MessageId).IsUnique();
        }
    }
}
