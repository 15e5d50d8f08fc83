using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;

namespace Whuffie.Web;

/// <summary>
/// Emptying the cached anonymous pages after a change. Every instance keeps its own output
/// cache in memory; on PostgreSQL the instance that made the change says so with NOTIFY and
/// every instance's <see cref="PageCacheListener"/> empties its own cache. On SQLite there is
/// one instance, so emptying its cache is all there is to do.
/// </summary>
public static class PageCache
{
    public const string Tag = "pages";
    public const string Channel = "whuffie_pages";
    private const string Notify = "NOTIFY " + Channel;

    /// <summary>
    /// Runs before the answer to a successful change is sent: the change is committed, and once
    /// the person who made it hears back, no instance will serve a page from before it, give or
    /// take the moment a notification takes to arrive.
    /// </summary>
    public static void EvictAfterChanges(this WebApplication app) => app.Use(async (http, next) =>
    {
        var method = http.Request.Method;
        if (HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method))
            http.Response.OnStarting(() => http.Response.StatusCode < 400 ? EvictEverywhereAsync(http.RequestServices) : Task.CompletedTask);
        await next();
    });

    public static async Task EvictEverywhereAsync(IServiceProvider services)
    {
        await services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(Tag, default);
        var db = services.GetRequiredService<WhuffieDb>();
        if (!db.Database.IsNpgsql()) return;
        try
        {
            await db.Database.ExecuteSqlRawAsync(Notify);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            // The change itself is saved; failing its answer now would only invite a retry. The
            // other instances' listeners empty their caches when they reconnect.
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PageCache))
                .LogError(e, "Could not tell the other instances to empty their page caches.");
        }
    }
}
