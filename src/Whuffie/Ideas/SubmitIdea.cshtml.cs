using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Whuffie.Categories;
using Whuffie.Data;
using Whuffie.Organizations;

namespace Whuffie.Ideas;

[Authorize]
public sealed class SubmitIdeaModel(WhuffieDb db, TimeProvider clock) : OrgPage(db)
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Category { get; set; }
    public IReadOnlyList<CategoryEntry> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = new SubmitIdeaRequest(Title, Body, string.IsNullOrEmpty(Category) ? null : Category);
        var idea = Outcome<IdeaDetails>(await IdeasApi.SubmitAsync(request, HttpContext, Db, clock, ct));
        if (idea is not null) return LocalRedirect(IdeaRow.IdeaUrl(Org.Slug, idea.Number, idea.Title));
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Categories = await CategoriesAsync(ct);
}
