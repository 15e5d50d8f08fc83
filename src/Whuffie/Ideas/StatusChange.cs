using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Organizations;

namespace Whuffie.Ideas;

/// <summary>One entry in an idea's public timeline: who moved it, from where to where, and why.</summary>
public sealed class StatusChange : ITenantOwned
{
    public const int AnswerMaxLength = 5_000;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int IdeaId { get; set; }
    public int ActorId { get; set; }
    public User? Actor { get; set; }
    public DateTime At { get; set; }
    public IdeaStatus From { get; set; }
    public IdeaStatus To { get; set; }

    /// <summary>The public answer. Never empty: the organization always says why.</summary>
    public required string Answer { get; set; }
    public string AnswerHtml { get; set; } = "";

    /// <summary>When To is Duplicate: the number of the idea it was merged into.</summary>
    public int? DuplicateOfNumber { get; set; }

    /// <summary>
    /// On the original, an entry that leaves its status as it is (From == To): the number of the
    /// duplicate merged into it, so the original's timeline tells of the merge too.
    /// </summary>
    public int? MergedNumber { get; set; }

    /// <summary>
    /// A merge undone: on the original (From == To) the number of the duplicate split off again;
    /// on the duplicate (From == Duplicate) the number of the original it was split off from.
    /// </summary>
    public int? SplitNumber { get; set; }

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<StatusChange>
    {
        public void Configure(EntityTypeBuilder<StatusChange> e)
        {
            e.Property(s => s.Answer).HasMaxLength(AnswerMaxLength);
            e.HasOne(s => s.Actor).WithMany().HasForeignKey(s => s.ActorId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
