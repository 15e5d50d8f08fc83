using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Ideas;

namespace Whuffie.Following;

/// <summary>
/// A person following an idea: they are told when its status changes and when staff comment,
/// and on every comment if they asked for that. People follow an idea by submitting, voting on
/// or commenting on it, or by pressing "Follow"; they can stop at any time.
/// </summary>
public sealed class Follow : IPersonOnIdea
{
    public int OrganizationId { get; set; }
    public int IdeaId { get; set; }
    public int UserId { get; set; }
    public bool EveryComment { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// Set when the follow was carried over from a duplicate merged into this idea, so that
    /// splitting the duplicate off again takes exactly those follows back. Cleared when the
    /// person follows this idea of their own accord (votes, comments, chooses how closely).
    /// </summary>
    public int? FromIdeaId { get; set; }

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<Follow>
    {
        public void Configure(EntityTypeBuilder<Follow> e)
        {
            e.MapPersonOnIdea();
        }
    }
}
