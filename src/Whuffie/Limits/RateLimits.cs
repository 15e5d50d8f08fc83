using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Whuffie.Accounts;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Limits;

/// <summary>
/// Bounds what a script could repeat cheaply but costs us (or others) dearly: guessing passwords,
/// making accounts and sending mail to strangers, writing, voting, searching. Each policy counts
/// per client address (<see cref="ClientAddress"/>), the writes of a signed-in person per account.
/// Kept in memory, per instance: a bound on floods; what must hold across instances (Identity's
/// lockout, the email and SMS caps) is counted in the database. See docs/decisions/011-rate-limits.md.
/// </summary>
public static class RateLimits
{
    // For pages the lead is building: a magic-link request and an email confirmation count here
    // (MagicLink, Confirm), the password pages under PasswordReset. Put the name on the endpoint
    // (RequireRateLimiting) or the page model ([EnableRateLimiting]); a page counts only its POSTs.
    public const string SignIn = "sign-in";
    public const string SignUp = "sign-up";
    public const string PasswordReset = "password-reset";
    public const string MagicLink = "magic-link";
    public const string Confirm = "confirm";
    public const string Comment = "comment";
    public const string Vote = "vote";
    public const string Search = "search";
    public const string Similar = "similar";

    /// <summary>
    /// The idea page: an endpoint carries one policy, and this page both comments and votes, so its
    /// Comment and Vote forms count against those limits here; reading the page never counts.
    /// </summary>
    public const string IdeaPage = "idea-page";

    public static void AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitSettings>().Bind(builder.Configuration.GetSection("RateLimits"))
            .Validate(s => Each(s).All(l => l.Permits > 0 && l.Window > TimeSpan.Zero), "Every RateLimits entry needs Permits above 0 and a Window above 0.")
            .ValidateOnStart();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
            // On the API every request to the endpoint counts. A page policy sits on the whole page:
            // showing its form (a GET) is free, sending it counts.
            o.AddPolicy(SignIn, http => Sends(http) ? ByAddress(http, SignIn, s => s.SignIn) : Free);
            o.AddPolicy(SignUp, http => Sends(http) ? ByAddress(http, SignUp, s => s.SignUp) : Free);
            o.AddPolicy(PasswordReset, http => Sends(http) ? ByAddress(http, PasswordReset, s => s.PasswordReset) : Free);
            o.AddPolicy(MagicLink, http => Sends(http) ? ByAddress(http, MagicLink, s => s.MagicLink) : Free);
            o.AddPolicy(Confirm, http => Sends(http) ? ByAddress(http, Confirm, s => s.Confirm) : Free);
            o.AddPolicy(Comment, http => ByAccount(http, Comment, s => s.Comment));
            o.AddPolicy(Vote, http => ByAccount(http, Vote, s => s.Vote));
            // Only a query searches; the plain list is a read path and stays free.
            o.AddPolicy(Search, http => Searches(http) ? ByAddress(http, Search, s => s.Search) : Free);
            // The API, and the idea form's own look-up while the title is typed (?handler=Similar).
            o.AddPolicy(Similar, http => PagesSetup.IsApi(http) || Handler(http) == "similar" ? ByAddress(http, Similar, s => s.Similar) : Free);
            o.AddPolicy(IdeaPage, http => Sends(http) ? Handler(http) switch
            {
                "comment" => ByAccount(http, Comment, s => s.Comment),
                "vote" => ByAccount(http, Vote, s => s.Vote),
                _ => Free,
            } : Free);
        });
    }

    /// <summary>After authentication (the per-account limits read the person) and the output cache (a cached page costs nothing).</summary>
    public static void UseRateLimits(this WebApplication app) => app.UseRateLimiter();

    /// <summary>Identity's endpoints come as one group; each gets the limit for what it does.</summary>
    public static IEndpointConventionBuilder WithRateLimits(this IEndpointConventionBuilder identity)
    {
        identity.Add(endpoint =>
        {
            var path = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText?.TrimEnd('/') ?? "";
            var policy = path[(path.LastIndexOf('/') + 1)..] switch
            {
                "login" => SignIn,
                "register" => SignUp,
                "forgotPassword" or "resetPassword" or "resendConfirmationEmail" => PasswordReset,
                _ => null,
            };
            if (policy is not null) endpoint.Metadata.Add(new EnableRateLimitingAttribute(policy));
        });
        return identity;
    }

    /// <summary>The sentence for a refused request: wait this many minutes.</summary>
    public static string WaitText(int retryAfterSeconds) => T("Limits.TooMany", Minutes(retryAfterSeconds));

    /// <summary>The same for the error page, which also says the request was not carried out.</summary>
    public static string WaitPageText(int retryAfterSeconds) => T("Error.TooManyRequests.Text", Minutes(retryAfterSeconds));

    private static int Minutes(int seconds) => Math.Max(1, (seconds + 59) / 60);

    private static readonly RateLimitPartition<string> Free = RateLimitPartition.GetNoLimiter("");

    private static IEnumerable<Limit> Each(RateLimitSettings s) =>
        [s.SignIn, s.SignUp, s.PasswordReset, s.MagicLink, s.Confirm, s.Comment, s.Vote, s.Search, s.Similar];

    private static RateLimitPartition<string> ByAddress(HttpContext http, string policy, Func<RateLimitSettings, Limit> pick) =>
        Counted(http, policy, pick, ClientAddress.Of(http));

    /// <summary>Signed in, the account is counted wherever it writes from; a stranger by the address.</summary>
    private static RateLimitPartition<string> ByAccount(HttpContext http, string policy, Func<RateLimitSettings, Limit> pick) =>
        Counted(http, policy, pick, http.User.UserId() is { } id ? $"user:{id.ToString(CultureInfo.InvariantCulture)}" : ClientAddress.Of(http));

    private static RateLimitPartition<string> Counted(HttpContext http, string policy, Func<RateLimitSettings, Limit> pick, string who)
    {
        // Read now, not in the factory: the partition outlives the request and must not hold on to it.
        var limit = pick(http.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitSettings>>().CurrentValue);
        var (permits, window) = (limit.Permits, limit.Window);
        // The policy's name in the key: the idea page's comment and vote buckets stay apart.
        return RateLimitPartition.GetFixedWindowLimiter($"{policy}|{who}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });
    }

    private static bool Sends(HttpContext http) => PagesSetup.IsApi(http)
        || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method));

    private static bool Searches(HttpContext http) => !string.IsNullOrWhiteSpace(http.Request.Query["q"]);

    /// <summary>The Razor Pages handler the request asks for, as the framework picks it: route value, else query.</summary>
    private static string Handler(HttpContext http) =>
        (http.GetRouteValue("handler") as string ?? http.Request.Query["handler"].ToString()).ToLowerInvariant();

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        // A page is left empty: the status code pages then show /error/429 (Error.cshtml), which reads Retry-After.
        if (PagesSetup.IsApi(http)) await Problems.TooManyRequests(WaitText(seconds)).ExecuteAsync(http);
    }
}
