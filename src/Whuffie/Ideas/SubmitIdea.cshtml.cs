using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Whuffie.Categories;
using Whuffie.Data;
using Whuffie.Organizations;
using Whuffie.Reputation;
using Whuffie.Search;

namespace Whuffie.Ideas;

[Authorize]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Limits.RateLimits.Similar)]
public sealed class SubmitIdeaModel(WhuffieDb db, TimeProvider clock) : OrgPage(db)
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Category { get; set; }

    /// <summary>Set once the person has seen the ideas like theirs (the step before sending, or live while typing).</summary>
    [BindProperty] public bool SeenSimilar { get; set; }

    public IReadOnlyList<CategoryEntry> Categories { get; private set; } = [];
    public List<SimilarIdea> Similar { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The list of similar ideas alone, for the page's script to show while the title is typed.</summary>
    public async Task<IActionResult> OnGetSimilarAsync(string? title, CancellationToken ct)
    {
        var similar = string.IsNullOrWhiteSpace(title) || title.Length > SearchQuery.MaxLength ? [] : await SimilarIdeas.FindAsync(Db, title, ct);
        return Partial("/Ideas/_SimilarIdeas.cshtml", new SimilarIdeasView(Org.Slug, similar));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Without the script, the ideas like this one are a step before the final send (not for someone
        // over the daily limit: the send would be refused, and saying so comes first).
        if (!SeenSimilar && !string.IsNullOrWhiteSpace(Title) && Title.Length <= Idea.TitleMaxLength && UserId is { } me
            && await SubmissionLimit.NextAllowedAsync(Db, me, await SubmissionLimit.ForAsync(Db, me, ct), clock.GetUtcNow().UtcDateTime, ct) is null)
        {
            Similar = await SimilarIdeas.FindAsync(Db, Title, ct);
            if (Similar.Count > 0)
            {
                SeenSimilar = true;
                await LoadAsync(ct);
                return Page();
            }
        }
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

public sealed record SimilarIdeasView(string Org, List<SimilarIdea> Ideas);
