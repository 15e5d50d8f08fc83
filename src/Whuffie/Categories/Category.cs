using Whuffie.Data;

namespace Whuffie.Categories;

public sealed class Category : ITenantOwned
{
    public const int SlugMaxLength = 40;
    public const int NameMaxLength = 60;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
}
