using System.Linq.Expressions;
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
    public DbSet<AccountEmail> AccountEmails => Set<AccountEmail>();
    public DbSet<SignInCode> SignInCodes => Set<SignInCode>();
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
        // Each entity maps itself (its nested Mapping class, beside its fields); the context keeps
        // what holds for all of them: the tenant filter, the provider's differences, the save checks.
        b.ApplyConfigurationsFromAssembly(typeof(WhuffieDb).Assembly);
        var npgsql = Database.IsNpgsql();
        b.ApplyConfiguration(new Deliveries.Delivery.Mapping(npgsql));
        b.ApplyConfiguration(new Deliveries.FanOut.Mapping(npgsql));
        FilterByTenant(b);
    }

    /// <summary>Every tenant-owned entity, whichever folder maps it, sees only the current organization's rows.</summary>
    private void FilterByTenant(ModelBuilder b)
    {
        // The same tree as "e => e.OrganizationId == TenantId" written in this class: EF reads
        // TenantId from the context that runs the query, not from this one.
        var tenantId = Expression.Property(Expression.Constant(this), nameof(TenantId));
        foreach (var type in b.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
        {
            var e = Expression.Parameter(type.ClrType, "e");
            var owned = Expression.Equal(Expression.Property(e, nameof(ITenantOwned.OrganizationId)), tenantId);
            b.Entity(type.ClrType).HasQueryFilter(TenantFilter, Expression.Lambda(owned, e));
        }
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
