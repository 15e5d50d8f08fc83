using Microsoft.AspNetCore.Mvc;
using Whuffie.Data;
using Whuffie.Organizations;

namespace Whuffie.Categories;

/// <summary>Staff keep the list of categories, through the API's own handlers.</summary>
public sealed class ManageCategoriesModel(WhuffieDb db) : OrgPage(db)
{
    public IReadOnlyList<CategoryEntry> Categories { get; private set; } = [];
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Slug { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Require(OrgRole.Staff) is { } denied) return denied;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (Require(OrgRole.Staff) is { } denied) return denied;
        var request = new SaveCategoryRequest(Name, string.IsNullOrWhiteSpace(Slug) ? null : Slug);
        return Outcome<CategoryDto>(await CategoriesApi.CreateAsync(request, Db, HttpContext.RequestAborted)) is null
            ? await InvalidAsync(ct) : LocalRedirect($"/{Org.Slug}/admin/categories");
    }

    public async Task<IActionResult> OnPostRenameAsync(string category, CancellationToken ct)
    {
        if (Require(OrgRole.Staff) is { } denied) return denied;
        if (Outcome<CategoryDto>(await CategoriesApi.UpdateAsync(category, new SaveCategoryRequest(Name, null), Db, ct)) is not null)
            return LocalRedirect($"/{Org.Slug}/admin/categories");
        // The message belongs to the row, not to the "add" form below the table.
        Refusal ??= $"{category}: {ErrorFor("name")}";
        ModelState.Clear();
        Name = null;
        return await InvalidAsync(ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(string category, CancellationToken ct)
    {
        if (Require(OrgRole.Staff) is { } denied) return denied;
        var result = await CategoriesApi.DeleteAsync(category, Db, ct);
        if (result.Result is Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult problem)
        {
            Refusal = problem.ProblemDetails.Detail;
            return await InvalidAsync(ct);
        }
        return LocalRedirect($"/{Org.Slug}/admin/categories");
    }

    private async Task<IActionResult> InvalidAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Categories = await CategoriesAsync(ct);
}
