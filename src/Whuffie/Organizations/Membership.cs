using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Accounts;
using Whuffie.Data;

namespace Whuffie.Organizations;

public enum OrgRole
{
    Member = 0,
    Staff = 1,
    Admin = 2,
}

/// <summary>A person's role in one organization. Created as member the first time they take part.</summary>
public sealed class Membership : ITenantOwned
{
    public int OrganizationId { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
    public OrgRole Role { get; set; }
    public DateTime JoinedAt { get; set; }

    /// <summary>
    /// Granted by staff to someone whose contributions they have come to rely on: shown as a
    /// badge beside the name, and a higher daily submission limit (<see cref="Reputation.SubmissionLimit"/>).
    /// </summary>
    public bool Trusted { get; set; }

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<Membership>
    {
        public void Configure(EntityTypeBuilder<Membership> e)
        {
            e.HasKey(m => new { m.OrganizationId, m.UserId });
            e.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.UserId);
            // A default in the table too: EnsureMemberAsync inserts memberships in plain SQL.
            e.Property(m => m.Trusted).HasDefaultValue(false);
        }
    }
}
