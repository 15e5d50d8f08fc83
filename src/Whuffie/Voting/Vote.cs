using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Ideas;

namespace Whuffie.Voting;

/// <summary>One person's vote on one idea; the primary key makes a second one impossible.</summary>
public sealed class Vote : IPersonOnIdea
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
            e.MapPersonOnIdea();
            e.HasIndex(v => v.FromIdeaId);
        }
    }
}
