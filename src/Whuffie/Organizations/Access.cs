using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Organizations;

/// <summary>Who may do what in the current organization.</summary>
public static class Access
{
    /// <summary>The person's role in the current organization; platform admins are admins everywhere.</summary>
    public static async Task<OrgRole?> RoleAsync(this WhuffieDb db, int? userId, CancellationToken ct = default)
    {
        if (userId is not { } id) return null;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.IsPlatformAdmin }).FirstOrDefaultAsync(ct);
        if (user is null) return null;
        if (user.IsPlatformAdmin) return OrgRole.Admin;
        var membership = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == id).Select(m => (OrgRole?)m.Role).FirstOrDefaultAsync(ct);
        return membership;
    }

    public static async Task<bool> IsStaffAsync(this WhuffieDb db, int? userId, CancellationToken ct = default) =>
        await db.RoleAsync(userId, ct) >= OrgRole.Staff;

    /// <summary>
    /// Taking part (submitting, voting, commenting) makes a person a member. Insert-or-nothing
    /// in SQL so two first votes at once cannot collide; both providers speak ON CONFLICT.
    /// </summary>
    public static Task EnsureMemberAsync(this WhuffieDb db, int userId, DateTime now, CancellationToken ct = default)
    {
        var orgId = db.Tenant.Current.Id;
        return db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "Memberships" ("OrganizationId", "UserId", "Role", "JoinedAt") VALUES ({orgId}, {userId}, {(int)OrgRole.Member}, {now}) ON CONFLICT DO NOTHING""",
            ct);
    }

    /// <summary>Requires a signed-in person with at least this role in the route's organization.</summary>
    public static TBuilder RequireOrgRole<TBuilder>(this TBuilder builder, OrgRole role)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization().ProducesForbidden();
        builder.AddEndpointFilter(async (ctx, next) =>
        {
            var http = ctx.HttpContext;
            var db = http.RequestServices.GetRequiredService<WhuffieDb>();
            if (await db.RoleAsync(http.User.UserId(), http.RequestAborted) >= role)
                return await next(ctx);
            return Problems.Forbidden(T(role == OrgRole.Admin ? "Access.AdminsOnly" : "Access.StaffOnly", db.Tenant.Current.Name));
        });
        return builder;
    }
}
