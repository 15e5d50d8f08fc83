using Microsoft.AspNetCore.Mvc.Filters;
using Whuffie.Data;
using Whuffie.Web;

namespace Whuffie.Organizations;

/// <summary>
/// A page of one organization (/{org}/…). Like the API's tenant filter, it resolves the slug
/// before the handler runs (404 if unknown) and enters the tenant, so every query on
/// <see cref="Db"/> sees only this organization's rows.
/// </summary>
public abstract class OrgPage(WhuffieDb db) : FormPage
{
    protected WhuffieDb Db { get; } = db;
    public Organization Org => Db.Tenant.Current;
    public OrgRole? Role { get; private set; }
    public bool IsStaff => Role >= OrgRole.Staff;

    /// <summary>The organization's categories by name, from the cache every list shares.</summary>
    protected Task<IReadOnlyList<Categories.CategoryEntry>> CategoriesAsync(CancellationToken ct) =>
        HttpContext.RequestServices.GetRequiredService<Categories.CategoryCache>().AllAsync(Db, ct);

    /// <summary>Sign-in first for strangers; a 403 page for people without the role.</summary>
    protected Microsoft.AspNetCore.Mvc.IActionResult? Require(OrgRole role) =>
        UserId is null ? Challenge() : Role >= role ? null : StatusCode(StatusCodes.Status403Forbidden);

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var slug = (RouteData.Values["org"] as string ?? "").ToLowerInvariant();
        var org = await HttpContext.RequestServices.GetRequiredService<OrganizationDirectory>().FindAsync(Db, slug, HttpContext.RequestAborted);
        if (org is null)
        {
            context.Result = NotFound();
            return;
        }
        Db.Tenant.Enter(org);
        Role = await Db.RoleAsync(UserId, HttpContext.RequestAborted);
        await next();
    }

}
