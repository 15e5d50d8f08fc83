using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Organizations;
using Whuffie.Reputation;
using Whuffie.Web;

namespace Whuffie.Ideas;

/// <summary>
/// One idea: its words, votes, comments and the public timeline of answers; staff move it
/// along here. Every change goes through the same handlers the API maps. This file holds what
/// the whole page shares (the idea, loading it, the form messages); each capability's handlers
/// and state live in its own folder as <c>IdeaPage.*.cs</c>, and its markup in a partial there.
/// </summary>
[OutputCache(PolicyName = PagesSetup.AnonymousPolicy)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Limits.RateLimits.IdeaPage)]
public sealed partial class IdeaPageModel(WhuffieDb db, TimeProvider clock) : OrgPage(db)
{
    // A field, not the primary constructor's parameter: the other parts of this partial class cannot see that.
    private readonly TimeProvider clock = clock;

    public IdeaDetails Idea { get; private set; } = null!;

    /// <summary>Level and trust of the author and of everyone who commented, for the badges beside their names.</summary>
    public IReadOnlyDictionary<int, Standing> Standings { get; private set; } = new Dictionary<int, Standing>();

    public PersonLink Author => new(Org.Slug, Idea.Author, Standings.GetValueOrDefault(Idea.Author.Id));

    /// <summary>The form that was posted ("status", "merge", "unmerge"), so its field messages show beside it and not in the others.</summary>
    public string? PostedForm { get; private set; }

    public string? ErrorIn(string form, string field) => PostedForm == form ? ErrorFor(field) : null;

    public IdeaRow Row => new(Org.Slug, new IdeaSummary(Idea.Number, Idea.Title, Idea.Body, Idea.Status, Idea.Category, Idea.Author,
        Idea.VoteCount, Idea.CommentCount, Idea.CreatedAt, Idea.UpdatedAt, Idea.DuplicateOf), Idea.VotedByMe);

    /// <summary>"#12" linking to idea 12; ?stay=1 so a merged idea shows itself instead of leading back here.</summary>
    public IHtmlContent IdeaLink(int number) => new HtmlString($"<a href=\"/{Org.Slug}/ideas/{number}?stay=1\">#{number}</a>");

    public async Task<IActionResult> OnGetAsync(int number, string? stay, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct)) return NotFound();
        // Old links and search results lead to a merged idea; its people and its discussion are at
        // the original now. Staff stay (they may undo the merge), and so does the original's own
        // "see the original idea" link (?stay=1).
        if (Idea.DuplicateOf is { } into && !IsStaff && stay is not ("1" or "true"))
        {
            var title = await Db.Ideas.Where(i => i.Number == into).Select(i => i.Title).FirstAsync(ct);
            return Redirect($"{IdeaRow.IdeaUrl(Org.Slug, into, title)}#merged-{number}");
        }
        return Page();
    }

    /// <summary>The page again with what the person typed and the messages beside the fields.</summary>
    private async Task<IActionResult> InvalidAsync(int number, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct)) return NotFound();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(int number, CancellationToken ct)
    {
        var idea = await Db.DetailsAsync(number, UserId, ct);
        if (idea is null) return false;
        Idea = idea;
        if (idea.Status == IdeaStatus.Launched) await LoadLaunchAsync(number, ct);
        if (UserId is { } me) Following = await FollowingAsync(me, number, ct);
        Comments = await CommentsAsync(Db.Comments.Where(c => Db.Ideas.Any(i => i.Id == c.IdeaId && i.Number == number)), ct);
        Merged = await MergedAsync(number, ct);
        Standings = await Scores.ForAsync(Db, [idea.Author.Id, .. Comments.Select(c => c.Author.Id), .. Merged.SelectMany(m => m.Comments).Select(c => c.Author.Id)], ct);
        return true;
    }
}
