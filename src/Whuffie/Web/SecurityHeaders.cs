using System.Security.Cryptography;
using Microsoft.AspNetCore.HttpOverrides;

namespace Whuffie.Web;

/// <summary>
/// What every answer tells the browser: run only the scripts and styles this site serves (no
/// inline ones, so injected markup cannot run), be framed by nobody, sniff no types, send no
/// referrer, use no camera or microphone; on an https site also HSTS and cookies that travel
/// over https only. Behind a reverse proxy the forwarded headers say a request was https; the
/// Secure flag and HSTS depend on it (docs/operations.md).
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "csp-nonce";

    // Features the site never uses are off for it and anything it embeds; passkeys (to come) may ask on this site only.
    private const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), geolocation=(), gyroscope=(), " +
        "hid=(), idle-detection=(), magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), " +
        "publickey-credentials-create=(self), publickey-credentials-get=(self), screen-wake-lock=(), serial=(), usb=(), " +
        "xr-spatial-tracking=()";

    /// <summary>Site:Url (or the first listening address) is https: the site is meant to be reached over https only.</summary>
    public static bool IsHttpsSite(this IConfiguration config) =>
        config.SiteUrl().StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// On an https site "__Host-" + name: browsers then keep the cookie only if it came over https,
    /// for this host alone and path /, so neither a subdomain nor a plain-http page can plant or overwrite it.
    /// </summary>
    public static string CookieName(this IConfiguration config, string name) => config.IsHttpsSite() ? "__Host-" + name : name;

    /// <summary>Whether a cookie this app sets carries Secure: always on an https site, else when the request came over https.</summary>
    public static bool SecureCookie(this HttpContext http) =>
        http.Request.IsHttps || http.RequestServices.GetRequiredService<IConfiguration>().IsHttpsSite();

    /// <summary>
    /// This request's nonce, for a view that must have an inline script or style (nonce="@Context.CspNonce()").
    /// None does today: an output-cached page would replay an old nonce, so such a page must not be cached.
    /// </summary>
    public static string CspNonce(this HttpContext http) => http.Items[NonceKey] as string ?? "";

    public static void AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var https = config.IsHttpsSite();
        var secure = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = config.CookieName(PagesSetup.CookieName);
            o.Cookie.SecurePolicy = secure;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.Path = "/";
        });
        // The framework's antiforgery cookie is Secure only if told; SameSite stays its Strict.
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = config.CookieName("whuffie-antiforgery");
            o.Cookie.SecurePolicy = secure;
            o.Cookie.HttpOnly = true;
            o.Cookie.Path = "/";
        });
        if (https)
            builder.Services.AddHsts(o =>
            {
                o.MaxAge = TimeSpan.FromDays(365);
                o.IncludeSubDomains = true;
                // The operator said https in Site:Url; a test or a proxy on this machine may call it localhost.
                o.ExcludedHosts.Clear();
            });

        // Proxy:KnownNetworks: only these proxies (and loopback) may say who the client is and that it came over https.
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED, the framework's switch, believes anyone who can reach the instance.
        var networks = (config.GetSection("Proxy:KnownNetworks").Get<string[]>() ?? []).Select(ParseNetwork).ToList();
        if (networks.Count > 0) builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
        });
    }

    private static System.Net.IPNetwork ParseNetwork(string text) =>
        System.Net.IPNetwork.TryParse(text.Trim(), out var network) ? network
            : throw new InvalidOperationException($"Proxy:KnownNetworks: '{text}' is not a network such as 10.0.0.0/8 or fd00::/8.");

    /// <summary>First in the pipeline, so that error pages, 404s and cached pages carry the headers too.</summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        if (app.Configuration.GetSection("Proxy:KnownNetworks").GetChildren().Any()) app.UseForwardedHeaders();
        // UseHsts itself sends it only on https requests.
        if (app.Configuration.IsHttpsSite()) app.UseHsts();
        app.Use((http, next) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            http.Items[NonceKey] = nonce;
            // At the last moment: the exception handler clears the headers set before it re-executes.
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                // img-src https: organizations' logos and images in what people write live on other sites.
                // No page is meant to be framed (there is no embeddable widget): frame-ancestors 'none' everywhere.
                headers.ContentSecurityPolicy =
                    $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; " +
                    "img-src 'self' data: https:; worker-src 'self'; object-src 'none'; base-uri 'none'; " +
                    "form-action 'self'; frame-ancestors 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(http);
        });
    }
}
