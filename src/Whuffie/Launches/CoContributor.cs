using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Ideas;

namespace Whuffie.Launches;

/// <summary>Someone staff credit besides the author: a person whose comments shaped the idea.</summary>
public sealed class CoContributor : IPersonOnIdea
{
    public int OrganizationId { get; set; }
    public int IdeaId { get; set; }
    public int UserId { get; set; }

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<CoContributor>
    {
        public void Configure(EntityTypeBuilder<CoContributor> e) => e.MapPersonOnIdea();
    }
}
