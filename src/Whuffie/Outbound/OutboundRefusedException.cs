using System.Net;

namespace Whuffie.Outbound;

/// <summary>
/// A call the guard would not make: the host resolved only to addresses off limits. Thrown from
/// the connection step, so HttpClient hands it on as the inner exception of an HttpRequestException.
/// </summary>
public sealed class OutboundRefusedException(string host, IPAddress address, Refusal why)
    : Exception($"{host} is {address}, which is not on the public internet ({why}); the call was not made.")
{
    public string Host { get; } = host;
    public IPAddress Address { get; } = address;
    public Refusal Why { get; } = why;

    /// <summary>The refusal anywhere in an exception's chain of inner exceptions.</summary>
    public static OutboundRefusedException? In(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is OutboundRefusedException refused) return refused;
        return null;
    }
}

/// <summary>What staff are told about an outbound call: plain reasons, never the remote body.</summary>
public static class OutboundAnswers
{
    /// <summary>"404 Not Found"; a redirect says it was not followed.</summary>
    public static string Status(HttpResponseMessage response) => Status((int)response.StatusCode, response.ReasonPhrase);

    public static string Status(int status, string? reason)
    {
        var line = $"{status} {reason}".TrimEnd();
        return status is >= 300 and < 400 ? Web.Text.T("Outbound.Redirect", line) : line;
    }

    public static string Refused(OutboundRefusedException refused) => Web.Text.T($"Outbound.{refused.Why}", refused.Host, refused.Address);
}
