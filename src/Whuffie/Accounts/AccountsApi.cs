using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Limits;
using Whuffie.Organizations;
using Whuffie.Web;

namespace Whuffie.Accounts;

/// <summary>How a person appears next to what they wrote.</summary>
public sealed record UserRef(int Id, string DisplayName);

public sealed record MembershipDto(string Org, string Name, string Role);
public sealed record MeDto(int Id, string Email, string DisplayName, bool IsPlatformAdmin, List<MembershipDto> Memberships);
public sealed record UpdateMeRequest(string? DisplayName);

public static class AccountsApi
{
    /// <summary>How long an account stays locked after ten wrong passwords; the sign-in refusal names it.</summary>
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The API's one answer to a failed sign-in, whether the account is unknown, the password wrong
    /// or the account locked: telling them apart would tell a stranger which addresses have accounts.
    /// </summary>
    public const string SignInFailed = "That email and password do not match an account, or the account is locked for 15 minutes after too many tries.";

    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorization();
        builder.Services
            .AddIdentityApiEndpoints<User>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // NIST SP 800-63B: length and a list of known-bad passwords (CommonPasswords), no
                // composition rules, which only lead to "Password1!". No upper bound here: the sign-up
                // page takes 200 characters, the API whatever fits in a request.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                // Counted on the account, in the database: holds across instances and addresses.
                // The per-address throttle next to it is Limits.RateLimits.SignIn.
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.Lockout.DefaultLockoutTimeSpan = LockoutTime;
                o.Tokens.EmailConfirmationTokenProvider = TimedTokens.Name;
                o.Tokens.PasswordResetTokenProvider = TimedTokens.Name;
                o.Tokens.ChangeEmailTokenProvider = TimedTokens.Name;
            })
            .AddPasswordValidator<CommonPasswords>()
            .AddEntityFrameworkStores<WhuffieDb>()
            .AddErrorDescriber<IdentityTexts>()
            .AddTokenProvider<TimedTokens>(TimedTokens.Name)
            .AddClaimsPrincipalFactory<EmailConfirmation.Claims>();
        builder.Services.AddOptions<AccountOptions>().Bind(builder.Configuration.GetSection("Accounts"));
        builder.Services.AddScoped<AccountMail>();
        builder.Services.AddScoped<SignInLinks>();
        builder.Services.AddSingleton<IEmailSender<User>, AccountMail.ForIdentityApi>();
        builder.Services.AddKeyedScoped<Background.IJobHandler, SendAccountEmailJob>(SendAccountEmailJob.Kind);
        // Strangers are sent to the sign-in page (pages) or answered 401 (API: see Deny below).
        builder.Services.Configure<Microsoft.AspNetCore.Authentication.AuthenticationOptions>(o =>
            o.DefaultChallengeScheme = IdentityConstants.ApplicationScheme);

        // The API answers 401/403; only pages redirect to the sign-in page.
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Events.OnRedirectToLogin = ctx => Deny(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => Deny(ctx, StatusCodes.Status403Forbidden);
        });
    }

    private static Task Deny(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (Web.PagesSetup.IsApi(ctx.HttpContext)) ctx.Response.StatusCode = status;
        else ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/auth").WithTags("Accounts").AddEndpointFilter(OneSignInRefusal).AddEndpointFilter(NeutralRegistrationAsync)
            .MapIdentityApi<User>().WithRateLimits();

        var me = app.MapGroup("/api/v1/me").WithTags("Accounts").RequireAuthorization();
        me.MapGet("", GetMeAsync);
        me.MapPut("", UpdateMeAsync);
    }

    /// <summary>Identity's login answers 401 with "Failed" or "LockedOut"; both become <see cref="SignInFailed"/>.</summary>
    private static async ValueTask<object?> OneSignInRefusal(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var result = await next(ctx);
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        return inner is ProblemHttpResult { StatusCode: StatusCodes.Status401Unauthorized, ProblemDetails.Detail: "Failed" or "LockedOut" }
            ? TypedResults.Problem(SignInFailed, statusCode: StatusCodes.Status401Unauthorized)
            : result;
    }

    /// <summary>
    /// Signing up with an address that has an account answers exactly as a new sign-up does, and
    /// the address's owner gets an email saying so: the answer tells a stranger nothing about who
    /// has an account here (Identity's own endpoint answers "already taken").
    /// </summary>
    private static async ValueTask<object?> NeutralRegistrationAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (!context.HttpContext.Request.Path.Value!.EndsWith("/register", StringComparison.Ordinal)) return result;
        if ((result is INestedHttpResult nested ? nested.Result : result) is not ValidationProblem { ProblemDetails.Errors: { Count: > 0 } errors }
            || !errors.Keys.All(IsTaken))
            return result;
        var services = context.HttpContext.RequestServices;
        var email = context.Arguments.OfType<Microsoft.AspNetCore.Identity.Data.RegisterRequest>().Single().Email;
        if (await services.GetRequiredService<UserManager<User>>().FindByEmailAsync(email) is { } owner)
            await services.GetRequiredService<AccountMail>().SendAlreadyRegisteredAsync(owner, context.HttpContext.RequestAborted);
        return TypedResults.Ok();
    }

    /// <summary>Identity's codes for an address or user name someone already has.</summary>
    public static bool IsTaken(string code) => code is "DuplicateUserName" or "DuplicateEmail";

    internal static async Task<Results<Ok<MeDto>, UnauthorizedHttpResult>> GetMeAsync(HttpContext http, WhuffieDb db, CancellationToken ct)
    {
        var id = http.User.UserId();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return TypedResults.Unauthorized();
        // A person's own memberships span organizations: the one deliberate cross-tenant read.
        var memberships = await db.Memberships.IgnoreQueryFilters([WhuffieDb.TenantFilter]).AsNoTracking()
            .Where(m => m.UserId == user.Id)
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new { o.Slug, o.Name, m.Role })
            .OrderBy(m => m.Name).ToListAsync(ct);
        return TypedResults.Ok(new MeDto(user.Id, user.Email ?? "", user.DisplayName, user.IsPlatformAdmin,
            memberships.Select(m => new MembershipDto(m.Slug, m.Name, m.Role.ToName())).ToList()));
    }

    internal static async Task<Results<Ok<MeDto>, ValidationProblem, UnauthorizedHttpResult>> UpdateMeAsync(
        UpdateMeRequest request, HttpContext http, WhuffieDb db, CancellationToken ct)
    {
        var validation = new Validation().Text("displayName", request.DisplayName, User.DisplayNameMaxLength, min: 2);
        if (!validation.IsValid) return validation.ToProblem();
        var id = http.User.UserId();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return TypedResults.Unauthorized();
        user.DisplayName = request.DisplayName!.Trim();
        await db.SaveChangesAsync(ct);
        return await GetMeAsync(http, db, ct) is { Result: Ok<MeDto> ok } ? ok : TypedResults.Unauthorized();
    }
}
