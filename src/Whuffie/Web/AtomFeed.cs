using System.Security.Cryptography;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Microsoft.Net.Http.Headers;

namespace Whuffie.Web;

/// <summary>
/// What our Atom feeds (RFC 4287) share. System.ServiceModel.Syndication writes them (decision 007);
/// these set what its defaults would get wrong for us and answer a reader's conditional poll.
/// </summary>
public static class AtomFeed
{
    /// <summary>An Atom date in UTC: the formatter writes whatever offset it is given, and "Z" only for zero.</summary>
    public static DateTimeOffset Utc(DateTime at) => new(at.ToUniversalTime());

    /// <summary>A link without title or length. The formatter writes the href as System.Uri spells it (its AbsoluteUri).</summary>
    public static SyndicationLink Link(string href, string rel, string? type) => new(new Uri(href), rel, null, type, 0);

    /// <summary>
    /// The feed as application/atom+xml with a strong ETag from its bytes: a reader that polls an
    /// unchanged feed with If-None-Match gets a 304. No Last-Modified: edits (a notice's title, the
    /// help counts) change a feed without changing its updated time.
    /// </summary>
    public static IResult Answer(SyndicationFeed feed)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            new Atom10FeedFormatter(feed).WriteTo(xml);
        var bytes = stream.ToArray();
        var tag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes)[..16])}\"");
        return Results.Bytes(bytes, "application/atom+xml; charset=utf-8", entityTag: tag);
    }
}
