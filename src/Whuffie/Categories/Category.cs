using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Data;
using Whuffie.Organizations;

namespace Whuffie.Categories;

public sealed class Category : ITenantOwned
{
    public const int SlugMaxLength = 40;
    public const int NameMaxLength = 60;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<Category>
    {
        public void Configure(EntityTypeBuilder<Category> e)
        {
            e.Property(c => c.Slug).HasMaxLength(SlugMaxLength);
            e.Property(c => c.Name).HasMaxLength(NameMaxLength);
            e.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.OrganizationId, c.Slug }).IsUnique();
        }
    }
}
