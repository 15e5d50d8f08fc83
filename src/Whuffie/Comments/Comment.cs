using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Organizations;

namespace Whuffie.Comments;

public sealed class Comment : ITenantOwned
{
    public const int BodyMaxLength = 5_000;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int IdeaId { get; set; }
    public int AuthorId { get; set; }
    public User? Author { get; set; }
    public required string Body { get; set; }
    public string BodyHtml { get; set; } = "";

    /// <summary>Whether the author spoke as staff when writing it; kept even if their role changes later.</summary>
    public bool IsStaff { get; set; }

    /// <summary>Staff found it helpful: a label on the comment and whuffie for its author (see docs/whuffie.md).</summary>
    public bool MarkedHelpful { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<Comment>
    {
        public void Configure(EntityTypeBuilder<Comment> e)
        {
            e.Property(c => c.Body).HasMaxLength(BodyMaxLength);
            e.Property(c => c.MarkedHelpful).HasDefaultValue(false);
            e.HasOne<Idea>().WithMany().HasForeignKey(c => c.IdeaId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.IdeaId, c.CreatedAt });
            e.HasIndex(c => c.OrganizationId);
        }
    }
}
