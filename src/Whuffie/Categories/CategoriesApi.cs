using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Organizations;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Categories;

public sealed record CategoryDto(string Slug, string Name);
public sealed record SaveCategoryRequest(string? Name, string? Slug);

/// <summary>Categories people file ideas under; staff keep the list.</summary>
public static class CategoriesApi
{
    public static void MapCategoriesApi(this RouteGroupBuilder org)
    {
        var categories = org.MapGroup("/categories").WithTags("Categories");
        categories.MapGet("", ListAsync);
        categories.MapPost("", CreateAsync).RequireOrgRole(OrgRole.Staff);
        categories.MapPut("/{slug}", UpdateAsync).RequireOrgRole(OrgRole.Staff);
        categories.MapDelete("/{slug}", DeleteAsync).RequireOrgRole(OrgRole.Staff);
    }

    private static async Task<Ok<List<CategoryDto>>> ListAsync(WhuffieDb db, CategoryCache cache, CancellationToken ct) =>
        TypedResults.Ok((await cache.AllAsync(db, ct)).Select(c => new CategoryDto(c.Slug, c.Name)).ToList());

    internal static async Task<Results<Created<CategoryDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        SaveCategoryRequest request, WhuffieDb db, CancellationToken ct)
    {
        var (validation, slug) = Validate(request);
        if (!validation.IsValid) return validation.ToProblem();
        if (await db.Categories.AnyAsync(c => c.Slug == slug, ct))
            return Problems.Conflict(T("Categories.Taken", db.Tenant.Current.Name, slug));
        var category = new Category { Slug = slug, Name = request.Name!.Trim() };
        db.Categories.Add(category);
        db.Tenant.SettingsChanged = true;
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/orgs/{db.Tenant.Current.Slug}/categories/{slug}", new CategoryDto(slug, category.Name));
    }

    internal static async Task<Results<Ok<CategoryDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string slug, SaveCategoryRequest request, WhuffieDb db, CancellationToken ct)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Slug == slug.ToLowerInvariant(), ct);
        if (category is null) return Problems.NotFound(T("Categories.NotFound", db.Tenant.Current.Name, slug));
        var (validation, newSlug) = Validate(request with { Slug = request.Slug ?? category.Slug });
        if (!validation.IsValid) return validation.ToProblem();
        if (newSlug != category.Slug && await db.Categories.AnyAsync(c => c.Slug == newSlug, ct))
            return Problems.Conflict(T("Categories.Taken", db.Tenant.Current.Name, newSlug));
        category.Slug = newSlug;
        category.Name = request.Name!.Trim();
        db.Tenant.SettingsChanged = true;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new CategoryDto(category.Slug, category.Name));
    }

    /// <summary>Ideas in a deleted category stay, without a category.</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string slug, WhuffieDb db, CancellationToken ct)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Slug == slug.ToLowerInvariant(), ct);
        if (category is null) return Problems.NotFound(T("Categories.NotFound", db.Tenant.Current.Name, slug));
        await using var tx = await db.BeginWriteAsync(ct);
        await db.Ideas.Where(i => i.CategoryId == category.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.CategoryId, (int?)null), ct);
        db.Categories.Remove(category);
        db.Tenant.SettingsChanged = true;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>The slug is the one given, or made from the name.</summary>
    private static (Validation, string) Validate(SaveCategoryRequest request)
    {
        var validation = new Validation().Text("name", request.Name, Category.NameMaxLength);
        var slug = request.Slug?.Trim().ToLowerInvariant() ?? Slugs.From(request.Name ?? "", Category.SlugMaxLength);
        if (request.Name is not null && !OrganizationRules.IsValidSlug(slug))
            validation.Add("slug", request.Slug is null ? T("Categories.NoSlugFromName") : T("Slug.Invalid"));
        return (validation, slug);
    }
}
