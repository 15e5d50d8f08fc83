using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Accounts;
using Whuffie.Categories;
using Whuffie.Data;
using Whuffie.Organizations;

namespace Whuffie.Ideas;

public sealed class Idea : ITenantOwned
{
    public const int TitleMaxLength = 140;
    public const int BodyMaxLength = 10_000;

    public int Id { get; set; }
    public int OrganizationId { get; set; }

    /// <summary>The idea's number within its organization, shown as #12; never reused.</summary>
    public int Number { get; set; }

    public required string Title { get; set; }

    /// <summary>Markdown as the author wrote it.</summary>
    public string Body { get; set; } = "";

    /// <summary>The body rendered once at write time by <see cref="Web.Markdown"/>, safe to embed.</summary>
    public string BodyHtml { get; set; } = "";

    /// <summary>
    /// The language it is written in (da, sv, nb, nl, en): guessed when it is submitted
    /// (<see cref="Search.LanguageGuess"/>), correctable by staff; the search index stems it in this language.
    /// "" until guessed (ideas bulk-loaded or from before search: Search.SearchIndex.CatchUpAsync).
    /// </summary>
    public string Language { get; set; } = "";

    public int? CategoryId { get; set; }
    public Category? Category { get; set; }

    public int AuthorId { get; set; }
    public User? Author { get; set; }

    public IdeaStatus Status { get; set; } = IdeaStatus.Open;

    /// <summary>Set while Status is Duplicate: the idea this one was merged into.</summary>
    public int? DuplicateOfId { get; set; }
    public Idea? DuplicateOf { get; set; }

    // Counts are kept in the row and changed in the same transaction as the vote or
    // comment, so lists never count at read time.
    public int VoteCount { get; set; }
    public int CommentCount { get; set; }

    /// <summary>See <see cref="Trending"/>: a score whose order is the trending order.</summary>
    public double TrendScore { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Optional credit text staff give at launch, e.g. "The reading chair is named after Sofie".</summary>
    public string? NamedAfter { get; set; }

    public List<StatusChange> Timeline { get; set; } = [];

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<Idea>
    {
        public void Configure(EntityTypeBuilder<Idea> e)
        {
            e.Property(i => i.Title).HasMaxLength(TitleMaxLength);
            e.Property(i => i.Body).HasMaxLength(BodyMaxLength);
            e.Property(i => i.NamedAfter).HasMaxLength(Launches.Credits.NamedAfterMaxLength);
            e.Property(i => i.Language).HasMaxLength(10);
            e.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(i => i.Author).WithMany().HasForeignKey(i => i.AuthorId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(i => i.Category).WithMany().HasForeignKey(i => i.CategoryId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(i => i.DuplicateOf).WithMany().HasForeignKey(i => i.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(i => i.Timeline).WithOne().HasForeignKey(s => s.IdeaId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(i => new { i.OrganizationId, i.Number }).IsUnique();
            e.HasIndex(i => new { i.OrganizationId, i.VoteCount, i.Number });
            e.HasIndex(i => new { i.OrganizationId, i.TrendScore, i.Number });
            e.HasIndex(i => new { i.OrganizationId, i.CommentCount, i.Number });
            e.HasIndex(i => new { i.OrganizationId, i.Status });
        }
    }
}
