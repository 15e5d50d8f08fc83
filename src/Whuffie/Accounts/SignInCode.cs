using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Whuffie.Accounts;

/// <summary>
/// One emailed way in without a password (<see cref="SignInLinks"/>): a link and a six-digit code
/// for the same sign-in, each good once and until <see cref="ExpiresAt"/>. Only hashes are kept,
/// so a database backup holds nothing that opens an account.
/// </summary>
public sealed class SignInCode
{
    public long Id { get; set; }
    public int UserId { get; set; }

    /// <summary>SHA-256 of the random token in the link.</summary>
    public byte[] LinkHash { get; set; } = [];

    /// <summary>Random, per row: the code's hash cannot be looked up in a table of the million codes' hashes.</summary>
    public byte[] Salt { get; set; } = [];

    /// <summary>SHA-256 of <see cref="Salt"/> and the code.</summary>
    public byte[] CodeHash { get; set; } = [];

    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>Wrong codes tried against this row; at <see cref="SignInLinks.MaxAttempts"/> it is spent.</summary>
    public int Attempts { get; set; }

    /// <summary>When it signed someone in, was given up for a newer one, or took too many wrong codes.</summary>
    public DateTime? UsedAt { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<SignInCode>
    {
        public void Configure(EntityTypeBuilder<SignInCode> e)
        {
            e.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => c.LinkHash).IsUnique();
        }
    }
}
