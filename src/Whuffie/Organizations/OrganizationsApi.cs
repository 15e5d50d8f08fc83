using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Organizations;

public sealed record OrganizationDto(string Slug, string Name, string DefaultLanguage, string? MyRole = null);
public sealed record CreateOrganizationRequest(string? Slug, string? Name, string? DefaultLanguage);
public sealed record MemberDto(UserRef User, string Role, DateTime JoinedAt, bool Trusted);
public sealed record ChangeRoleRequest(string? Role);

public static class OrganizationsApi
{
    /// <summary>
    /// The route group every organization's API hangs under. Its filter resolves {org} to the
    /// tenant (404 if unknown) before any handler runs, so handlers only ever see that
    /// organization's rows through WhuffieDb's tenant filter.
    /// </summary>
    public static RouteGroupBuilder MapTenantApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/orgs/{org}");
        group.AddEndpointFilter(async (ctx, next) =>
        {
            var http = ctx.HttpContext;
            var slug = (http.GetRouteValue("org") as string ?? "").ToLowerInvariant();
            var db = http.RequestServices.GetRequiredService<WhuffieDb>();
            var org = await http.RequestServices.GetRequiredService<OrganizationDirectory>().FindAsync(db, slug, http.RequestAborted);
            if (org is null)
                return Problems.NotFound(T("Orgs.NotFound", slug));
            db.Tenant.Enter(org);
            return await next(ctx);
        });
        group.WithTags("Organizations").ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>The installation's list of organizations, and creating one.</summary>
    public static void MapOrganizationsApi(this IEndpointRouteBuilder app)
    {
        var orgs = app.MapGroup("/api/v1/orgs").WithTags("Organizations");
        orgs.MapGet("", ListAsync);
        orgs.MapPost("", CreateAsync).RequireAuthorization().ProducesForbidden().ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>One organization, its members and their roles.</summary>
    public static void MapMembersApi(this RouteGroupBuilder org)
    {
        org.MapGet("", GetAsync);
        org.MapGet("/members", ListMembersAsync).RequireOrgRole(OrgRole.Staff);
        org.MapPut("/members/{userId:int}/role", ChangeRoleAsync).RequireOrgRole(OrgRole.Admin);
    }

    private static async Task<Ok<List<OrganizationDto>>> ListAsync(WhuffieDb db, CancellationToken ct) =>
        TypedResults.Ok(await db.Organizations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new OrganizationDto(o.Slug, o.Name, o.DefaultLanguage, null)).ToListAsync(ct));

    private static async Task<Results<Created<OrganizationDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateOrganizationRequest request, WhuffieDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var userId = http.User.UserId();
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.IsPlatformAdmin, ct))
            return Problems.Forbidden(T("Orgs.CreateForbidden"));
        var slug = request.Slug?.Trim().ToLowerInvariant();
        var validation = OrganizationRules.Validate(slug, request.Name, request.DefaultLanguage);
        if (!validation.IsValid) return validation.ToProblem();
        var org = await OrganizationRules.CreateAsync(db, slug!, request.Name!, request.DefaultLanguage, clock.GetUtcNow().UtcDateTime, ct);
        if (org is null) return Problems.Conflict(T("Orgs.SlugTaken", slug));
        return TypedResults.Created($"/api/v1/orgs/{org.Slug}", new OrganizationDto(org.Slug, org.Name, org.DefaultLanguage, OrgRole.Admin.ToName()));
    }

    private static async Task<Ok<OrganizationDto>> GetAsync(WhuffieDb db, HttpContext http, CancellationToken ct)
    {
        var org = db.Tenant.Current;
        var role = await db.RoleAsync(http.User.UserId(), ct);
        return TypedResults.Ok(new OrganizationDto(org.Slug, org.Name, org.DefaultLanguage, role?.ToName()));
    }

    internal static async Task<Ok<List<MemberDto>>> ListMembersAsync(WhuffieDb db, CancellationToken ct)
    {
        var rows = await db.Memberships.AsNoTracking()
            .OrderByDescending(m => m.Role).ThenBy(m => m.User!.DisplayName)
            .Select(m => new { m.UserId, m.User!.DisplayName, m.Role, m.JoinedAt, m.Trusted }).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(m => new MemberDto(new UserRef(m.UserId, m.DisplayName), m.Role.ToName(), m.JoinedAt, m.Trusted)).ToList());
    }

    internal static async Task<Results<Ok<MemberDto>, ValidationProblem, ProblemHttpResult>> ChangeRoleAsync(
        int userId, ChangeRoleRequest request, WhuffieDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!Names.TryParse<OrgRole>(request.Role, out var role))
            return new Validation().Add("role", T("Members.UnknownRole")).ToProblem();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return Problems.NotFound(T("Members.NotFound", userId));

        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == userId, ct);
        if (membership is null)
            db.Memberships.Add(membership = new Membership { UserId = userId, Role = role, JoinedAt = clock.GetUtcNow().UtcDateTime });
        else if (membership.Role == OrgRole.Admin && role != OrgRole.Admin
                 && await db.Memberships.CountAsync(m => m.Role == OrgRole.Admin, ct) == 1)
            return Problems.Unprocessable(T("Members.LastAdmin", user.DisplayName, db.Tenant.Current.Name));
        membership.Role = role;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new MemberDto(new UserRef(user.Id, user.DisplayName), role.ToName(), membership.JoinedAt, membership.Trusted));
    }
}
