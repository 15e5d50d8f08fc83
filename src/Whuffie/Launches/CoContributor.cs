using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Organizations;

namespace Whuffie.Launches;

/// <summary>Someone staff credit besides the author: a person whose comments shaped the idea.</summary>
public sealed class CoContributor : ITenantOwned
{
    public int OrganizationId { get; set; }
    public int IdeaId { get; set; }
    public int UserId { get; set; }

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<CoContributor>
    {
        public void Configure(EntityTypeBuilder<CoContributor> e)
        {
            e.HasKey(c => new { c.IdeaId, c.UserId });
            e.HasOne<Idea>().WithMany().HasForeignKey(c => c.IdeaId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => c.UserId);
            e.HasIndex(c => c.OrganizationId);
        }
    }
}
