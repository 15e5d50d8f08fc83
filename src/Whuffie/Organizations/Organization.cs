using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
namespace Whuffie.Organizations;

/// <summary>A tenant: a library, a municipality, a company. Addressed by its slug in every URL.</summary>
public sealed class Organization
{
    public const int SlugMaxLength = 40;
    public const int NameMaxLength = 100;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string DefaultLanguage { get; set; } = "en";

    public const int LanguagesMaxLength = 20;

    /// <summary>
    /// The languages people write ideas in, e.g. "da,en", comma-separated; null: the default language and
    /// English. An idea's language is guessed among these, and a search query is read in each of them.
    /// </summary>
    public string? Languages { get; set; }

    public IReadOnlyList<string> WritingLanguages =>
        (Languages ?? (DefaultLanguage == "en" ? "en" : DefaultLanguage + ",en"))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => Search.TextAnalysis.Languages.Contains(l)).DefaultIfEmpty("en").Distinct().ToList();

    /// <summary>
    /// The last idea number handed out. Ideas are numbered per organization (#1, #2 …) and a
    /// number is never reused, even after a delete, so links to "#12" stay meaningful.
    /// </summary>
    public int LastIdeaNumber { get; set; }

    public DateTime CreatedAt { get; set; }

    public const int MaxResponseTargetDays = 90;

    /// <summary>Ideas should get a first staff answer within this many days; older unanswered ones are overdue.</summary>
    public int ResponseTargetDays { get; set; } = 7;

    // Branding, set by the organization's admins; see Branding for the rules.
    public const int LogoUrlMaxLength = 500;
    public const int WelcomeMaxLength = 2_000;
    public string? LogoUrl { get; set; }

    /// <summary>#rrggbb, dark enough for white text and for links on white (WCAG AA).</summary>
    public string? AccentColor { get; set; }

    /// <summary>Markdown shown at the top of the organization's home page.</summary>
    public string? WelcomeText { get; set; }
    public string? WelcomeHtml { get; set; }

    /// <summary>An IANA time zone ("Europe/Copenhagen"); null: the one its main language suggests (<see cref="Zones"/>).</summary>
    public string? TimeZone { get; set; }

    /// <summary>Where times are shown and, when they come without an offset, read: the organization's clock, not the server's.</summary>
    public TimeZoneInfo Zone => Zones.Find(ZoneName) ?? TimeZoneInfo.Utc;

    public string ZoneName => TimeZone ?? Zones.DefaultFor(DefaultLanguage);

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<Organization>
    {
        public void Configure(EntityTypeBuilder<Organization> e)
        {
            e.Property(o => o.Slug).HasMaxLength(SlugMaxLength);
            e.Property(o => o.Name).HasMaxLength(NameMaxLength);
            e.Property(o => o.LogoUrl).HasMaxLength(LogoUrlMaxLength);
            e.Property(o => o.AccentColor).HasMaxLength(7);
            e.Property(o => o.WelcomeText).HasMaxLength(WelcomeMaxLength);
            e.Property(o => o.DefaultLanguage).HasMaxLength(10);
            e.Property(o => o.Languages).HasMaxLength(LanguagesMaxLength);
            e.Property(o => o.TimeZone).HasMaxLength(Zones.MaxLength);
            e.Property(o => o.ResponseTargetDays).HasDefaultValue(7);
            e.HasIndex(o => o.Slug).IsUnique();
        }
    }
}
