using System.Buffers.Text;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Deliveries;
using Whuffie.Outbound;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Notices;

public sealed record PushKeys(string? P256dh, string? Auth);
public sealed record SubscribeRequest(string? Channel, string? Address, List<string>? Topics, string? Language, PushKeys? Keys);
public sealed record SubscriptionDto(string Channel, bool Confirmed, List<string> Topics, string? Token);
public sealed record ConfirmRequest(string? Token, string? Address, string? Code);

/// <summary>
/// Subscribing without an account (seed 001: "what's in it for me"): people choose the channel and
/// the topics. Email is confirmed by a link (double opt-in), SMS by a code, push by the browser's
/// own permission prompt. Every message carries the token that ends the subscription in one click.
/// </summary>
public static partial class SubscriptionsApi
{
    public const int MaxCodeAttempts = 5;

    public static void MapSubscriptionsApi(this RouteGroupBuilder org)
    {
        var subs = org.MapGroup("/notices/subscriptions").WithTags("Notices");
        subs.MapPost("", SubscribeAsync);
        subs.MapPost("/confirm", ConfirmAsync).RequireRateLimiting(Limits.RateLimits.Confirm);
        subs.MapDelete("/{token}", UnsubscribeAsync);
    }

    /// <summary>
    /// Subscribes an address, or asks again for one. Knowing an address proves nothing, so every
    /// email or SMS request gets the same 202 whatever the address's state: a new or waiting one
    /// gets a confirmation (and the topics asked for), one already confirmed keeps its topics,
    /// language and owner and gets a "manage your subscription" message instead, so only its
    /// holder can change it. What was proved changes at once, answered 201 with the subscription:
    /// a signed-in person's own confirmed account email, a row they own and confirmed already, and
    /// a push endpoint (only its browser knows it). The 201 tells the asker nothing they did not
    /// prove themselves.
    /// </summary>
    internal static async Task<Results<Accepted<SubscriptionDto>, Created<SubscriptionDto>, ValidationProblem, ProblemHttpResult>> SubscribeAsync(SubscribeRequest request,
        HttpContext http, WhuffieDb db, Secrets secrets, DeliverySignal signal, SubscribeLimit limit, IOptions<NoticeOptions> options, OutboundPolicy outbound, TimeProvider clock, CancellationToken ct)
    {
        if (limit.Check(http) is { } tooMany) return tooMany;
        var user = http.User;
        var validation = new Validation();
        Channel channel = default;
        if (request.Channel is null || !Enum.TryParse(request.Channel, ignoreCase: true, out channel) || channel is not (Channel.Email or Channel.Sms or Channel.Push))
            validation.Add("channel", T("Notices.SubscribeChannelInvalid"));
        var address = (request.Address ?? "").Trim();
        if (channel == Channel.Email) address = address.ToLowerInvariant();
        if (!validation.IsValid) return validation.ToProblem();
        var settings = channel == Channel.Sms ? await db.ChannelSettings.AsNoTracking().FirstOrDefaultAsync(ct) : null;
        switch (channel)
        {
            case Channel.Email when !IsEmail(address): validation.Add("address", T("Notices.EmailInvalid")); break;
            case Channel.Sms when !Phone().IsMatch(address): validation.Add("address", T("Notices.PhoneInvalid")); break;
            case Channel.Sms when SmsRules.Allowed(settings, db.Tenant.Current) is var codes && !SmsRules.Allows(codes, address):
                validation.Add("address", codes.Count == 0 ? T("Notices.SmsNowhere", db.Tenant.Current.Name) : T("Notices.SmsCountryRefused", db.Tenant.Current.Name, SmsRules.Show(codes)));
                break;
            case Channel.Push:
                if (!IsPushEndpoint(address, outbound)) validation.Add("address", T("Notices.PushEndpointInvalid"));
                if (!IsBase64Url(request.Keys?.P256dh, 65) || !IsBase64Url(request.Keys?.Auth, 16)) validation.Add("keys", T("Notices.PushKeysInvalid"));
                break;
        }
        var slugs = (request.Topics ?? []).Select(t => t.Trim().ToLowerInvariant()).Distinct().ToList();
        var topics = await db.NoticeTopics.Where(t => slugs.Contains(t.Slug)).ToListAsync(ct);
        foreach (var unknown in slugs.Except(topics.Select(t => t.Slug))) validation.Add("topics", T("Notices.TopicUnknown", unknown));
        var language = Languages.IsSupported(request.Language) ? request.Language! : Languages.Current;
        if (!validation.IsValid) return validation.ToProblem();

        var now = clock.GetUtcNow().UtcDateTime;
        var me = user.UserId();
        // The account proved its own address when it was confirmed; a second opt-in would ask again.
        var normalized = address.ToUpperInvariant(); // as Identity's UpperInvariantLookupNormalizer
        var ownAddress = channel == Channel.Email && me is not null
            && await db.Users.AnyAsync(u => u.Id == me && u.EmailConfirmed && u.NormalizedEmail == normalized, ct);
        string? code = null;
        NoticeSubscription sub;
        bool manage;
        await using (var tx = await db.BeginWriteAsync(ct))
        {
            sub = await db.NoticeSubscriptions.Include(s => s.Topics).FirstOrDefaultAsync(s => s.Channel == channel && s.Address == address, ct)
                ?? db.NoticeSubscriptions.Add(new NoticeSubscription { Channel = channel, Address = address, Token = NewToken(), CreatedAt = now }).Entity;
            // Theirs and confirmed: the profile lets them change it anyway, so asking here needs no message.
            var proven = ownAddress || channel == Channel.Push || (sub.ConfirmedAt is not null && me is not null && sub.UserId == me);
            manage = sub.ConfirmedAt is not null && !proven;
            // Refused before anything changes: the transaction ends unsaved. Both limits count the
            // manage messages too, or asking for a confirmed address would be the way around them.
            if (!proven)
            {
                if (channel == Channel.Sms && await SmsRules.DayIsSpentAsync(http, db, settings, options.Value, now, ct) is { } daySpent) return daySpent;
                if (ConfirmationRefused(http, sub, options.Value.ConfirmationsPerDay, now) is { } spent) return spent;
            }
            if (!manage)
            {
                sub.Language = language;
                sub.AllTopics = topics.Count == 0;
                sub.Topics = topics.Select(t => new SubscriptionTopic { TopicId = t.Id }).ToList();
                sub.UserId = Owner(sub, me, proven: ownAddress || channel == Channel.Push);
            }
            if (ownAddress) sub.ConfirmedAt ??= now;
            if (channel == Channel.Push)
            {
                sub.P256dh = request.Keys!.P256dh;
                sub.Auth = request.Keys.Auth;
                sub.ConfirmedAt ??= now; // the browser asked the person already
            }
            await db.SaveChangesAsync(ct);
            if (sub.ConfirmedAt is null || manage)
            {
                var message = Delivery.Waiting(channel, manage ? DeliveryKind.Manage : DeliveryKind.Confirm, now);
                message.SubscriptionId = sub.Id;
                if (channel == Channel.Sms && !manage)
                {
                    code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
                    sub.CodeHash = Hash(sub.Token, code);
                    sub.CodeAttempts = 0;
                    message.Payload = secrets.Protect(code);
                }
                db.Deliveries.Add(message);
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        signal.Wake([channel]);
        var asked = slugs.Order(StringComparer.Ordinal).ToList();
        if (sub.ConfirmedAt is null || manage)
            return TypedResults.Accepted((string?)null, new SubscriptionDto(channel.ToString().ToLowerInvariant(), false, asked, null));
        // Only the browser that subscribed holds its push endpoint; it may hold the way out too.
        return TypedResults.Created((string?)null, new SubscriptionDto(channel.ToString().ToLowerInvariant(), true, asked, channel == Channel.Push ? sub.Token : null));
    }

    /// <summary>
    /// Counts a confirmation message against the address's day (<see cref="NoticeOptions.ConfirmationsPerDay"/>);
    /// past the limit, the 429 to answer. Kept on the subscription row, so it holds across instances
    /// and network addresses, where <see cref="SubscribeLimit"/> holds per network address.
    /// </summary>
    private static ProblemHttpResult? ConfirmationRefused(HttpContext http, NoticeSubscription sub, int perDay, DateTime now)
    {
        var day = TimeSpan.FromDays(1);
        if (sub.ConfirmationsSince is not { } since || now - since >= day)
            (sub.ConfirmationsSince, sub.ConfirmationsSent) = (now, 0);
        if (sub.ConfirmationsSent < perDay)
        {
            sub.ConfirmationsSent++;
            return null;
        }
        var wait = sub.ConfirmationsSince.Value + day - now;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problems.TooManyRequests(T("Notices.TooManyConfirmations", perDay, Math.Max(1, (int)Math.Ceiling(wait.TotalHours))));
    }

    /// <summary>
    /// The second step. By email, the token from the link (unguessable, so an unknown one is a
    /// plain 404). By SMS, the number and its code: until the code is proved the answer says
    /// nothing of the number (unknown, waiting, confirmed already or out of tries look alike), so
    /// knowing a number shows no one whether it subscribes, or to what.
    /// </summary>
    internal static async Task<Results<Ok<SubscriptionDto>, ValidationProblem, ProblemHttpResult>> ConfirmAsync(ConfirmRequest request, WhuffieDb db,
        TimeProvider clock, CancellationToken ct)
    {
        NoticeSubscription? sub;
        if (!string.IsNullOrEmpty(request.Token))
        {
            sub = await db.NoticeSubscriptions.Include(s => s.Topics).FirstOrDefaultAsync(s => s.Token == request.Token && s.Channel == Channel.Email, ct);
            if (sub is null) return Problems.NotFound(T("Notices.SubscriptionNotFound"));
        }
        else
        {
            var address = (request.Address ?? "").Trim();
            var code = (request.Code ?? "").Trim();
            sub = await db.NoticeSubscriptions.Include(s => s.Topics).FirstOrDefaultAsync(s => s.Channel == Channel.Sms && s.Address == address && s.ConfirmedAt == null, ct);
            var wrong = new Validation().Add("code", T("Notices.CodeNotRight")).ToProblem();
            if (sub is null || sub.CodeHash is null || sub.CodeAttempts >= MaxCodeAttempts) return wrong;
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(sub.CodeHash), Encoding.ASCII.GetBytes(Hash(sub.Token, code))))
            {
                sub.CodeAttempts++;
                await db.SaveChangesAsync(ct);
                return wrong;
            }
        }
        if (sub.ConfirmedAt is null)
        {
            sub.ConfirmedAt = clock.GetUtcNow().UtcDateTime;
            sub.CodeHash = null;
            await db.SaveChangesAsync(ct);
        }
        var topics = await db.NoticeTopics.Where(t => sub.Topics.Select(x => x.TopicId).Contains(t.Id)).Select(t => t.Slug).ToListAsync(ct);
        return TypedResults.Ok(new SubscriptionDto(sub.Channel.ToString().ToLowerInvariant(), true, topics, null));
    }

    /// <summary>The way out every message carries: one request, no questions, no account.</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> UnsubscribeAsync(string token, WhuffieDb db, CancellationToken ct)
    {
        var sub = await db.NoticeSubscriptions.FirstOrDefaultAsync(s => s.Token == token, ct);
        if (sub is null) return Problems.NotFound(T("Notices.SubscriptionNotFound"));
        await RemoveAsync(db, sub.Id, ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Whose profile lists a subscription, and so who may change or end it there. Knowing an
    /// address proves nothing, so a signed-in person takes over a row only when it is new, when
    /// they proved the address (their confirmed account email; a push endpoint only its browser
    /// knows), or when it is theirs already. A row still waiting that someone else asks for
    /// belongs to nobody: whoever confirms it may not be the account that asked first.
    /// </summary>
    private static int? Owner(NoticeSubscription sub, int? me, bool proven) =>
        sub.Id == 0 || proven ? me ?? sub.UserId
        : sub.UserId == me ? me
        : sub.ConfirmedAt is null ? null
        : sub.UserId;

    /// <summary>
    /// Ends a subscription. Its deliveries are left alone: one still waiting finds its recipient
    /// gone when its turn comes (<see cref="DeliveryWorkers"/>), and the sent ones stay in the figures.
    /// </summary>
    public static async Task RemoveAsync(WhuffieDb db, long id, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        await db.SubscriptionTopics.IgnoreQueryFilters().Where(t => t.SubscriptionId == id).ExecuteDeleteAsync(ct);
        await db.NoticeSubscriptions.IgnoreQueryFilters().Where(s => s.Id == id).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    private static string Hash(string token, string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token + ":" + code)));

    private static bool IsEmail(string s) =>
        s.Length <= 254 && MailAddress.TryCreate(s, out var a) && a.Address == s && s.IndexOf('@') > 0 && !s.Any(char.IsWhiteSpace);

    /// <summary>
    /// Push services are on the internet and speak https (RFC 8030 §8). Plain http only to a host the
    /// operator allowed (the tests' push service emulator on loopback); anyone may post an endpoint,
    /// so one aimed at a private address is refused here and again at every connect.
    /// </summary>
    private static bool IsPushEndpoint(string s, OutboundPolicy outbound) =>
        s.Length <= NoticeSubscription.AddressMaxLength && Uri.TryCreate(s, UriKind.Absolute, out var u)
        && (u.Scheme == Uri.UriSchemeHttps || (u.Scheme == Uri.UriSchemeHttp && outbound.IsAllowedHost(u.IdnHost)))
        && outbound.JudgeUrl(u) is null;

    private static bool IsBase64Url(string? s, int bytes)
    {
        if (s is null || s.Length > 200) return false;
        try { return Base64Url.DecodeFromChars(s).Length == bytes; }
        catch (FormatException) { return false; }
    }

    /// <summary>E.164: a plus, a country code and at most 15 digits.</summary>
    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex Phone();
}
