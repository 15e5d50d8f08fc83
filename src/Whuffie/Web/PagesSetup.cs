using Microsoft.AspNetCore.OutputCaching;
using Whuffie.Data;

namespace Whuffie.Web;

/// <summary>The server-rendered pages: Razor Pages living in the capability folders, the output cache, cookies.</summary>
public static class PagesSetup
{
    public const string AnonymousPolicy = "anonymous-pages";

    public static void AddWhuffiePages(this WebApplicationBuilder builder)
    {
        // Pages sit next to the rules they show (Ideas/IdeaPage.cshtml), each with an explicit route.
        builder.Services.AddRazorPages(o => o.RootDirectory = "/");
        // Write æ, ø, å as themselves, not as &#xE6; entities: smaller pages, readable source.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // Only anonymous GETs are cached (the default policy skips signed-in people), per language.
        // Bounded well below the framework's 100 MB: with 100,000 idea pages the cache would
        // otherwise fill to its limit and hold most of the process's memory; the hot pages stay.
        var cacheMegabytes = builder.Configuration.GetValue("Pages:OutputCacheMegabytes", 32);
        builder.Services.AddOutputCache(o =>
        {
            o.SizeLimit = cacheMegabytes * 1024L * 1024L;
            o.AddPolicy(AnonymousPolicy, p => p
                .SetVaryByQuery("*")
                .VaryByValue(_ => new("lang", System.Globalization.CultureInfo.CurrentUICulture.Name))
                .Tag(PageCache.Tag)
                .AddPolicy<OrganizationTag>()
                .Expire(TimeSpan.FromMinutes(10)));
        });
        // Several instances on PostgreSQL: each empties its own cache when any of them changes something.
        if (builder.Configuration.ChosenProvider() == DatabaseProvider.PostgreSQL)
        {
            builder.Services.AddSingleton<ChangeAnnouncer>();
            builder.Services.AddSingleton<PageCacheListener>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<PageCacheListener>());
        }
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
        });
    }

    public static void UseWhuffiePages(this WebApplication app)
    {
        // Off only to measure the pages' own speed (bench/); anonymous pages are cached otherwise.
        if (app.Configuration.GetValue("Pages:OutputCache", true)) app.UseOutputCache();
        // Any change (a vote, an answer, a new category) evicts the cached pages, on every instance;
        // they are cheap to rebuild, and one rule is easier to trust than a list of what shows where.
        app.EvictAfterChanges();
    }

    /// <summary>The sign-in cookie, for pages and the API alike ("__Host-whuffie" on an https site: SecurityHeaders).</summary>
    public const string CookieName = "whuffie";

    public static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");

    public static void MapWhuffiePages(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapLanguageSwitch();
    }

    /// <summary>Tags a page with its organization, so a change there evicts only that organization's pages.</summary>
    private sealed class OrganizationTag : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            if (context.HttpContext.GetRouteValue("org") is string slug)
                context.Tags.Add(PageCache.OrgTag(slug.ToLowerInvariant()));
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }
}
