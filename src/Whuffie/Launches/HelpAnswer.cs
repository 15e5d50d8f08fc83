using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Organizations;

namespace Whuffie.Launches;

public enum Helped
{
    Yes,
    Partly,
    No,
}

/// <summary>
/// One person's answer to "did it help?" about a launched idea: asked of those who took part
/// (submitted, voted, followed), once per person, with an optional word about what changed.
/// </summary>
public sealed class HelpAnswer : ITenantOwned
{
    public const int CommentMaxLength = 1_000;

    public int OrganizationId { get; set; }
    public int IdeaId { get; set; }
    public int UserId { get; set; }
    public Helped Answer { get; set; }
    public string Comment { get; set; } = "";
    public DateTime At { get; set; }

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<HelpAnswer>
    {
        public void Configure(EntityTypeBuilder<HelpAnswer> e)
        {
            e.HasKey(h => new { h.IdeaId, h.UserId });
            e.Property(h => h.Answer).HasConversion<string>().HasMaxLength(10);
            e.Property(h => h.Comment).HasMaxLength(CommentMaxLength);
            e.HasOne<Idea>().WithMany().HasForeignKey(h => h.IdeaId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(h => h.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(h => h.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(h => h.UserId);
            e.HasIndex(h => h.OrganizationId);
        }
    }
}
