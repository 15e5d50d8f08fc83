using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Organizations;

namespace Whuffie.Ideas;

/// <summary>
/// A row one person has about one idea at most once: a vote, a follow, a credit. They share their
/// key and their ways to the idea, the person and the organization, so they are mapped alike.
/// </summary>
public interface IPersonOnIdea : ITenantOwned
{
    int IdeaId { get; }
    int UserId { get; }
}

internal static class PersonOnIdeaMapping
{
    /// <summary>
    /// The key (idea, person) makes a second row impossible; removing the idea, the person or the
    /// organization removes the row; a person's rows and an organization's rows each have an index.
    /// </summary>
    public static void MapPersonOnIdea<T>(this EntityTypeBuilder<T> e) where T : class, IPersonOnIdea
    {
        e.HasKey(nameof(IPersonOnIdea.IdeaId), nameof(IPersonOnIdea.UserId));
        e.HasOne<Idea>().WithMany().HasForeignKey(nameof(IPersonOnIdea.IdeaId)).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(nameof(IPersonOnIdea.UserId)).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Organization>().WithMany().HasForeignKey(nameof(ITenantOwned.OrganizationId)).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(nameof(IPersonOnIdea.UserId));
        e.HasIndex(nameof(ITenantOwned.OrganizationId));
    }
}
