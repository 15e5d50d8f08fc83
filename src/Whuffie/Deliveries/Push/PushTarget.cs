namespace Whuffie.Deliveries.Push;

/// <summary>A browser's push subscription, as PushSubscription.toJSON() gives it.</summary>
/// <param name="Endpoint">The push service URL to POST to.</param>
/// <param name="P256dh">The browser's P-256 public key, base64url.</param>
/// <param name="Auth">The 16-byte auth secret, base64url.</param>
public sealed record PushTarget(string Endpoint, string P256dh, string Auth);

/// <summary>RFC 8030 §5.3: how soon the browser should wake for the message.</summary>
public enum PushUrgency
{
    VeryLow,
    Low,
    Normal,
    High,
}

/// <summary>
/// How a push went. Exactly one of <see cref="Delivered"/>, <see cref="Gone"/> (remove the
/// subscription), <see cref="Transient"/> (try again later) and <see cref="Permanent"/> holds.
/// <see cref="HttpStatus"/> is null when no answer came; <see cref="Response"/> is the status and
/// the first 500 characters of the body, or what went wrong, for the record.
/// </summary>
public sealed record PushResult(int? HttpStatus, bool Gone, bool Transient, bool Permanent, string Response)
{
    public bool Delivered => !Gone && !Transient && !Permanent;
}
