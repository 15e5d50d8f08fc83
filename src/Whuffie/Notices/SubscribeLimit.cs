using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Notices;

/// <summary>
/// How often one network address may subscribe (<c>Notices:SubscribeLimit</c> an hour): every
/// subscription by email or SMS sends a message to an address nobody has proved yet, so without
/// a bound a script could make the organization mail or text thousands of strangers (and pay for
/// the texts). Generous enough for a household or an office behind one address during a power
/// cut. Kept in memory, per instance: it bounds a flood, not a determined crowd.
/// </summary>
public sealed class SubscribeLimit(IOptions<NoticeOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetSlidingWindowLimiter(address, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Value.SubscribeLimit,
            Window = TimeSpan.FromHours(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        }));

    /// <summary>Null while the caller may subscribe; otherwise the 429 to answer, with Retry-After.</summary>
    public ProblemHttpResult? Check(HttpContext http)
    {
        using var lease = _limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "");
        if (lease.IsAcquired) return null;
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(10);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problems.TooManyRequests(T("Notices.TooManySubscriptions", Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))));
    }

    public void Dispose() => _limiter.Dispose();
}
