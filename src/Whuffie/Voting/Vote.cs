using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Organizations;

namespace Whuffie.Voting;

/// <summary>One person's vote on one idea; the primary key makes a second one impossible.</summary>
public sealed class Vote : ITenantOwned
{
    public int OrganizationId { get; set; }
    public int IdeaId { get; set; }
    public int UserId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// Set when the vote was carried over from a duplicate merged into this idea, so that
    /// reopening the duplicate can take exactly those votes back.
    /// </summary>
    public int? FromIdeaId { get; set; }

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<Vote>
    {
        public void Configure(EntityTypeBuilder<Vote> e)
        {
            e.HasKey(v => new { v.IdeaId, v.UserId });
            e.HasOne<Idea>().WithMany().HasForeignKey(v => v.IdeaId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(v => v.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(v => v.UserId);
            e.HasIndex(v => v.OrganizationId);
            e.HasIndex(v => v.FromIdeaId);
        }
    }
}
