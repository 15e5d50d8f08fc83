using Microsoft.AspNetCore.OutputCaching;
using Whuffie.Categories;
using Whuffie.Organizations;

namespace Whuffie.Web;

/// <summary>
/// Emptying what an instance remembers about an organization after a change: its cached
/// anonymous pages (tagged per organization), its row (<see cref="OrganizationDirectory"/>) and
/// its categories (<see cref="CategoryCache"/>). Every instance keeps these in memory; on
/// PostgreSQL the instance that made the change says so with NOTIFY (the organization's slug as
/// payload) and every instance's <see cref="PageCacheListener"/> empties its own. On SQLite
/// there is one instance, so emptying its own is all there is to do.
/// </summary>
public static class PageCache
{
    /// <summary>Every cached page carries this tag; evicting it empties the whole cache.</summary>
    public const string Tag = "pages";
    public const string Channel = "whuffie_pages";
    private const string EverythingKey = "whuffie:changes-everything";
    private const string NothingKey = "whuffie:changes-no-page";
    private const string SettingsPrefix = "settings:";

    /// <summary>The tag of an organization's cached pages.</summary>
    public static string OrgTag(string slug) => "org:" + slug;

    /// <summary>
    /// Marks a change that shows beyond its organization's pages (its name is on the
    /// installation's home page), so every cached page goes, not only the organization's.
    /// </summary>
    public static void ChangesEverything(HttpContext http) => http.Items[EverythingKey] = true;

    /// <summary>
    /// Marks a change no cached page shows (a person's own notice subscriptions), which would
    /// otherwise, made outside any organization, empty every cached page on every instance.
    /// </summary>
    public static void ChangesNoPage(HttpContext http) => http.Items[NothingKey] = true;

    /// <summary>
    /// Runs before the answer to a successful change is sent: the change is committed, and once
    /// the person who made it hears back, no instance will serve a page from before it, give or
    /// take the moment a notification takes to arrive. A change made inside an organization
    /// (the tenant was entered) touches only that organization's pages, and its categories when
    /// they changed; any other change (a person's display name, a new organization) touches all.
    /// </summary>
    public static void EvictAfterChanges(this WebApplication app) => app.Use(async (http, next) =>
    {
        var method = http.Request.Method;
        if (HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method))
            http.Response.OnStarting(() =>
            {
                if (http.Response.StatusCode >= 400 || http.Items.ContainsKey(NothingKey)) return Task.CompletedTask;
                var tenant = http.RequestServices.GetRequiredService<TenantContext>();
                var scope = http.Items.ContainsKey(EverythingKey) || tenant.Organization is not { } org ? ""
                    : tenant.SettingsChanged ? SettingsPrefix + org.Slug : org.Slug;
                return EvictEverywhereAsync(http.RequestServices, scope);
            });
        await next();
    });

    /// <summary>Empties what this instance remembers for <paramref name="scope"/> (see <see cref="EvictHereAsync"/>) and tells the others.</summary>
    public static async Task EvictEverywhereAsync(IServiceProvider services, string scope)
    {
        await EvictHereAsync(services, scope, default);
        if (services.GetService<ChangeAnnouncer>() is not { } announcer) return;
        try
        {
            await announcer.AnnounceAsync(scope);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            // The change itself is saved; failing its answer now would only invite a retry. The
            // other instances' listeners empty their caches when they reconnect.
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PageCache))
                .LogError(e, "Could not tell the other instances to empty their page caches.");
        }
    }

    /// <summary>
    /// Empties what this instance remembers for <paramref name="scope"/>: "slug", the
    /// organization's cached pages (a vote, a comment); "settings:slug", also its categories and
    /// its row; "" (or null), everything.
    /// </summary>
    public static async Task EvictHereAsync(IServiceProvider services, string? scope, CancellationToken ct)
    {
        var store = services.GetRequiredService<IOutputCacheStore>();
        var categories = services.GetRequiredService<CategoryCache>();
        var directory = services.GetRequiredService<OrganizationDirectory>();
        if (string.IsNullOrEmpty(scope))
        {
            await store.EvictByTagAsync(Tag, ct);
            categories.ForgetAll();
            directory.ForgetAll();
            return;
        }
        var settings = scope.StartsWith(SettingsPrefix, StringComparison.Ordinal);
        var slug = settings ? scope[SettingsPrefix.Length..] : scope;
        await store.EvictByTagAsync(OrgTag(slug), ct);
        if (!settings) return;
        categories.Forget(slug);
        directory.Forget(slug);
    }
}
