using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Whuffie.Accounts;
using Whuffie.Background;
using Whuffie.Categories;
using Whuffie.Comments;
using Whuffie.Following;
using Whuffie.Ideas;
using Whuffie.Launches;
using Whuffie.Mail;
using Whuffie.Organizations;
using Whuffie.Voting;

namespace Whuffie.Data;

/// <summary>
/// The one DbContext. Every tenant-owned entity gets the tenant filter here, so a query can
/// only see the current organization's rows unless it says IgnoreQueryFilters on purpose.
/// </summary>
public sealed partial class WhuffieDb(DbContextOptions<WhuffieDb> options, TenantContext tenant, TimeProvider clock)
    : IdentityUserContext<User, int>(options), IDataProtectionKeyContext
{
    public const string TenantFilter = "Tenant";

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Idea> Ideas => Set<Idea>();
    public DbSet<StatusChange> StatusChanges => Set<StatusChange>();
    public DbSet<Vote> Votes => Set<Vote>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<Follow> Follows => Set<Follow>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();
    public DbSet<HelpAnswer> HelpAnswers => Set<HelpAnswer>();
    public DbSet<CoContributor> CoContributors => Set<CoContributor>();

    /// <summary>The key ring every instance shares (<see cref="SharedKeys"/>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public TenantContext Tenant => tenant;

    // Read by the query filters at query time; -1 matches nothing when no tenant is chosen.
    private int TenantId => tenant.Organization?.Id ?? -1;

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Every DateTime is UTC. SQLite hands back Unspecified; say what it is.
        configuration.Properties<DateTime>().HaveConversion<UtcConverter>();
        configuration.Properties<Deliveries.Channel>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<Deliveries.DeliveryState>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<Deliveries.DeliveryKind>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<Notices.NoticeSeverity>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<IdeaStatus>().HaveConversion<IdeaStatusConverter>().HaveMaxLength(20);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<User>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(User.DisplayNameMaxLength);
            e.Property(u => u.EmailNotifications).HasDefaultValue(true);
            e.Property(u => u.Language).HasMaxLength(10);
            e.Property(u => u.EmailDigest).HasDefaultValue(false);
            e.Property(u => u.ShowOnLeaderboard).HasDefaultValue(false);
        });

        b.Entity<Organization>(e =>
        {
            e.Property(o => o.Slug).HasMaxLength(Organization.SlugMaxLength);
            e.Property(o => o.Name).HasMaxLength(Organization.NameMaxLength);
            e.Property(o => o.LogoUrl).HasMaxLength(Organization.LogoUrlMaxLength);
            e.Property(o => o.AccentColor).HasMaxLength(7);
            e.Property(o => o.WelcomeText).HasMaxLength(Organization.WelcomeMaxLength);
            e.Property(o => o.DefaultLanguage).HasMaxLength(10);
            e.Property(o => o.Languages).HasMaxLength(Organization.LanguagesMaxLength);
            e.Property(o => o.TimeZone).HasMaxLength(Zones.MaxLength);
            e.Property(o => o.ResponseTargetDays).HasDefaultValue(7);
            e.HasIndex(o => o.Slug).IsUnique();
        });

        b.Entity<Membership>(e =>
        {
            e.HasKey(m => new { m.OrganizationId, m.UserId });
            e.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.UserId);
            // A default in the table too: EnsureMemberAsync inserts memberships in plain SQL.
            e.Property(m => m.Trusted).HasDefaultValue(false);
            e.HasQueryFilter(TenantFilter, m => m.OrganizationId == TenantId);
        });

        b.Entity<Category>(e =>
        {
            e.Property(c => c.Slug).HasMaxLength(Category.SlugMaxLength);
            e.Property(c => c.Name).HasMaxLength(Category.NameMaxLength);
            e.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.OrganizationId, c.Slug }).IsUnique();
            e.HasQueryFilter(TenantFilter, c => c.OrganizationId == TenantId);
        });

        b.Entity<Idea>(e =>
        {
            e.Property(i => i.Title).HasMaxLength(Idea.TitleMaxLength);
            e.Property(i => i.Body).HasMaxLength(Idea.BodyMaxLength);
            e.Property(i => i.NamedAfter).HasMaxLength(Credits.NamedAfterMaxLength);
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
            e.HasQueryFilter(TenantFilter, i => i.OrganizationId == TenantId);
        });

        b.Entity<StatusChange>(e =>
        {
            e.Property(s => s.Answer).HasMaxLength(StatusChange.AnswerMaxLength);
            e.HasOne(s => s.Actor).WithMany().HasForeignKey(s => s.ActorId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(TenantFilter, s => s.OrganizationId == TenantId);
        });

        b.Entity<Vote>(e =>
        {
            e.HasKey(v => new { v.IdeaId, v.UserId });
            e.HasOne<Idea>().WithMany().HasForeignKey(v => v.IdeaId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(v => v.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(v => v.UserId);
            e.HasIndex(v => v.OrganizationId);
            e.HasIndex(v => v.FromIdeaId);
            e.HasQueryFilter(TenantFilter, v => v.OrganizationId == TenantId);
        });

        // Not tenant-owned: a job names its organization in its payload when it has one.
        b.Entity<Job>(e =>
        {
            e.Property(j => j.Kind).HasMaxLength(Job.KindMaxLength);
            e.Property(j => j.LeasedBy).HasMaxLength(Job.WorkerMaxLength);
            e.Property(j => j.LastError).HasMaxLength(Job.ErrorMaxLength);
            e.HasIndex(j => j.DueAt);
        });

        b.Entity<Follow>(e =>
        {
            e.HasKey(f => new { f.IdeaId, f.UserId });
            e.HasOne<Idea>().WithMany().HasForeignKey(f => f.IdeaId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(f => f.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(f => f.UserId);
            e.HasIndex(f => f.OrganizationId);
            e.HasQueryFilter(TenantFilter, f => f.OrganizationId == TenantId);
        });

        b.Entity<Notification>(e =>
        {
            e.Property(n => n.EventKey).HasMaxLength(Notification.EventKeyMaxLength);
            e.Property(n => n.ActorName).HasMaxLength(User.DisplayNameMaxLength);
            e.Property(n => n.Excerpt).HasMaxLength(Notification.ExcerptMaxLength);
            e.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Idea>().WithMany().HasForeignKey(n => n.IdeaId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(n => n.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(n => new { n.EventKey, n.UserId }).IsUnique();
            e.HasIndex(n => new { n.UserId, n.CreatedAt });
            // The bell's count on every page a signed-in person opens: a range, not a scan of all they were ever told.
            e.HasIndex(n => new { n.UserId, n.ReadAt });
            e.HasIndex(n => n.DigestedAt);
            e.HasIndex(n => n.OrganizationId);
            e.HasIndex(n => n.IdeaId);
            e.HasQueryFilter(TenantFilter, n => n.OrganizationId == TenantId);
        });

        b.Entity<OutboxEmail>(e =>
        {
            e.Property(m => m.EventKey).HasMaxLength(OutboxEmail.EventKeyMaxLength);
            e.Property(m => m.ToAddress).HasMaxLength(256);
            e.Property(m => m.ToName).HasMaxLength(User.DisplayNameMaxLength);
            e.Property(m => m.Language).HasMaxLength(10);
            e.Property(m => m.Subject).HasMaxLength(OutboxEmail.SubjectMaxLength);
            e.Property(m => m.MessageId).HasMaxLength(200);
            e.Property(m => m.UnsubscribeUrl).HasMaxLength(1000);
            e.Property(m => m.State).HasConversion<string>().HasMaxLength(20);
            e.Property(m => m.LastError).HasMaxLength(Job.ErrorMaxLength);
            e.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => new { m.EventKey, m.UserId }).IsUnique();
            e.HasIndex(m => new { m.OrganizationId, m.State, m.CreatedAt });
            e.HasQueryFilter(TenantFilter, m => m.OrganizationId == TenantId);
        });

        b.Entity<CoContributor>(e =>
        {
            e.HasKey(c => new { c.IdeaId, c.UserId });
            e.HasOne<Idea>().WithMany().HasForeignKey(c => c.IdeaId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => c.UserId);
            e.HasIndex(c => c.OrganizationId);
            e.HasQueryFilter(TenantFilter, c => c.OrganizationId == TenantId);
        });

        b.Entity<HelpAnswer>(e =>
        {
            e.HasKey(h => new { h.IdeaId, h.UserId });
            e.Property(h => h.Answer).HasConversion<string>().HasMaxLength(10);
            e.Property(h => h.Comment).HasMaxLength(HelpAnswer.CommentMaxLength);
            e.HasOne<Idea>().WithMany().HasForeignKey(h => h.IdeaId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(h => h.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(h => h.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(h => h.UserId);
            e.HasIndex(h => h.OrganizationId);
            e.HasQueryFilter(TenantFilter, h => h.OrganizationId == TenantId);
        });

        b.Entity<Comment>(e =>
        {
            e.Property(c => c.Body).HasMaxLength(Comment.BodyMaxLength);
            e.Property(c => c.MarkedHelpful).HasDefaultValue(false);
            e.HasOne<Idea>().WithMany().HasForeignKey(c => c.IdeaId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.IdeaId, c.CreatedAt });
            e.HasIndex(c => c.OrganizationId);
            e.HasQueryFilter(TenantFilter, c => c.OrganizationId == TenantId);
        });

        ConfigureNotices(b);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampNewRows();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampNewRows();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void StampNewRows()
    {
        // Accounts made through the Identity endpoints arrive without our fields.
        foreach (var entry in ChangeTracker.Entries<User>().Where(e => e.State == EntityState.Added))
        {
            var user = entry.Entity;
            if (user.CreatedAt == default) user.CreatedAt = clock.GetUtcNow().UtcDateTime;
            // Email is written in the language the person signed up in, until they choose another.
            user.Language ??= Web.Languages.Current;
            if (string.IsNullOrWhiteSpace(user.DisplayName))
                user.DisplayName = DefaultDisplayName(user.Email ?? user.UserName ?? "");
        }

        // New tenant rows take the current organization; a row for another one is a bug, so refuse it.
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            var current = tenant.Organization?.Id;
            // Through the entry, so it counts even when automatic change detection is off (bulk loads).
            if (entry.Entity.OrganizationId == 0 && current is { } id)
                entry.Property(e => e.OrganizationId).CurrentValue = id;
            else if (current is not null && entry.Entity.OrganizationId != current)
                throw new InvalidOperationException($"Refusing to save a {entry.Metadata.ClrType.Name} of organization {entry.Entity.OrganizationId} while working in {current}.");
            else if (entry.Entity.OrganizationId == 0)
                throw new InvalidOperationException($"A {entry.Metadata.ClrType.Name} needs an organization.");
        }
    }

    private static string DefaultDisplayName(string email)
    {
        var local = email.Split('@')[0].Replace('.', ' ').Replace('_', ' ').Trim();
        if (local.Length == 0) local = "member";
        return local.Length > User.DisplayNameMaxLength ? local[..User.DisplayNameMaxLength] : local;
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class IdeaStatusConverter() : ValueConverter<IdeaStatus, string>(
        v => v.ToName(),
        v => IdeaStatuses.Parse(v));
}
