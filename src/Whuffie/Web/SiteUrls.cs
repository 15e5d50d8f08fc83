namespace Whuffie.Web;

public static class SiteUrls
{
    /// <summary>
    /// The site's public address for links in email, feeds and webhooks (Site:Url); without it, the
    /// first address the server listens on, with a wildcard host read as localhost.
    /// </summary>
    public static string SiteUrl(this IConfiguration config)
    {
        var url = config["Site:Url"];
        if (string.IsNullOrWhiteSpace(url))
        {
            url = (config["Urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries)[0];
            url = url.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
        }
        return url.TrimEnd('/');
    }
}
