using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Whuffie.Comments;
using Whuffie.Data;
using Whuffie.Following;
using Whuffie.Launches;
using Whuffie.Organizations;
using Whuffie.Reputation;
using Whuffie.Voting;
using Whuffie.Web;

namespace Whuffie.Ideas;

/// <summary>
/// One idea: its words, votes, comments and the public timeline of answers; staff move it
/// along here. Every change goes through the same handlers the API maps.
/// </summary>
[OutputCache(PolicyName = PagesSetup.AnonymousPolicy)]
public sealed class IdeaPageModel(WhuffieDb db, TimeProvider clock) : OrgPage(db)
{
    public IdeaDetails Idea { get; private set; } = null!;
    public List<CommentDto> Comments { get; private set; } = [];

    /// <summary>Level and trust of the author and of everyone who commented, for the badges beside their names.</summary>
    public IReadOnlyDictionary<int, Standing> Standings { get; private set; } = new Dictionary<int, Standing>();

    public PersonLink Author => new(Org.Slug, Idea.Author, Standings.GetValueOrDefault(Idea.Author.Id));

    public CommentView View(CommentDto comment) => new(Org.Slug, Idea.Number, comment, Standings.GetValueOrDefault(comment.Author.Id), IsStaff);

    [BindProperty] public string? CommentBody { get; set; }
    [BindProperty] public string? NewStatus { get; set; }
    [BindProperty] public string? Answer { get; set; }
    [BindProperty] public int? DuplicateOf { get; set; }
    [BindProperty] public int? MergeFrom { get; set; }
    [BindProperty] public string? MergeAnswer { get; set; }

    /// <summary>The form that was posted ("status", "merge", "unmerge"), so its field messages show beside it and not in the others.</summary>
    public string? PostedForm { get; private set; }

    public string? ErrorIn(string form, string field) => PostedForm == form ? ErrorFor(field) : null;

    /// <summary>A duplicate merged into this idea, with its comments, which stay readable here.</summary>
    public sealed record MergedIdea(int Number, string Title, List<CommentDto> Comments);

    public List<MergedIdea> Merged { get; private set; } = [];

    /// <summary>A merged idea's comments are read-only: no staff buttons that would act on the duplicate.</summary>
    public CommentView MergedView(MergedIdea merged, CommentDto comment) =>
        new(Org.Slug, merged.Number, comment, Standings.GetValueOrDefault(comment.Author.Id), StaffViewer: false);

    /// <summary>How the signed-in person follows the idea ("none", "updates", "every"); null when signed out.</summary>
    public string? Following { get; private set; }

    public static readonly string[] FollowChoices = ["none", "updates", "every"];

    /// <summary>Whose idea it was, for a launched idea's timeline and staff's credits form; null before the launch.</summary>
    public CreditsDto? Credits { get; private set; }

    /// <summary>For staff: the people who took part and may be credited.</summary>
    public List<Accounts.UserRef> CreditCandidates { get; private set; } = [];

    /// <summary>"Did it help?" for a launched idea; null otherwise.</summary>
    public HelpSummary? Help { get; private set; }

    [BindProperty] public string? Helped { get; set; }
    [BindProperty] public string? HelpComment { get; set; }

    public IdeaRow Row => new(Org.Slug, new IdeaSummary(Idea.Number, Idea.Title, Idea.Body, Idea.Status, Idea.Category, Idea.Author,
        Idea.VoteCount, Idea.CommentCount, Idea.CreatedAt, Idea.UpdatedAt, Idea.DuplicateOf), Idea.VotedByMe);

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

    public async Task<IActionResult> OnPostVoteAsync(int number, bool remove, string? returnUrl, CancellationToken ct)
    {
        if (UserId is null) return Challenge();
        var result = remove
            ? await VotingApi.WithdrawAsync(number, HttpContext, Db, ct)
            : await VotingApi.CastAsync(number, HttpContext, Db, clock, ct);
        var state = Outcome<VoteState>(result);
        if (WantsJson) return state is null ? StatusCode(409, new { detail = Refusal }) : new JsonResult(state);
        if (state is null) return await LoadAsync(number, ct) ? Page() : NotFound();
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : $"/{Org.Slug}/ideas/{number}");
    }

    public async Task<IActionResult> OnPostCommentAsync(int number, CancellationToken ct)
    {
        if (UserId is null) return Challenge();
        var comment = Outcome<CommentDto>(await CommentsApi.PostAsync(number, new PostCommentRequest(CommentBody), HttpContext, Db, clock, ct));
        if (WantsJson)
            return comment is null
                ? BadRequest(new { detail = ErrorFor("body") ?? Refusal })
                : Partial("/Comments/_Comment.cshtml", new CommentView(Org.Slug, number, comment,
                    (await Scores.ForAsync(Db, [comment.Author.Id], ct))[comment.Author.Id], IsStaff));
        if (comment is not null) return LocalRedirect($"/{Org.Slug}/ideas/{number}#comment-{comment.Id}");
        return await InvalidAsync(number, ct);
    }

    public async Task<IActionResult> OnPostFollowAsync(int number, string? follow, CancellationToken ct)
    {
        if (UserId is not { } me) return Challenge();
        if (!FollowChoices.Contains(follow)) return BadRequest();
        var idea = await Db.FindAsync(number, ct);
        if (idea is null) return NotFound();
        bool? every = follow switch { "every" => true, "updates" => false, _ => null };
        await Db.SetAsync(idea.Id, me, every, clock.GetUtcNow().UtcDateTime, ct);
        return LocalRedirect($"/{Org.Slug}/ideas/{number}");
    }

    public async Task<IActionResult> OnPostHelpedAsync(int number, CancellationToken ct)
    {
        if (UserId is null) return Challenge();
        var answered = Outcome<HelpSummary>(await HelpAnswers.AnswerAsync(number, new HelpRequest(Helped, HelpComment), HttpContext, Db, clock, ct));
        if (answered is not null) return LocalRedirect($"/{Org.Slug}/ideas/{number}#did-it-help");
        return await InvalidAsync(number, ct);
    }

    /// <summary>Staff's helpful mark on a comment, without JavaScript: the same handler as the API.</summary>
    public async Task<IActionResult> OnPostHelpfulAsync(int number, int commentId, bool helpful, CancellationToken ct)
    {
        if (Require(OrgRole.Staff) is { } denied) return denied;
        var marked = Outcome<CommentDto>(await ReputationApi.MarkHelpfulAsync(number, commentId, helpful, Db, ct));
        if (marked is not null) return LocalRedirect($"/{Org.Slug}/ideas/{number}#comment-{commentId}");
        return await InvalidAsync(number, ct);
    }

    public async Task<IActionResult> OnPostCreditsAsync(int number, List<int> coContributors, string? namedAfter, CancellationToken ct)
    {
        if (UserId is null) return Challenge();
        if (!IsStaff) return StatusCode(StatusCodes.Status403Forbidden);
        var saved = Outcome<CreditsDto>(await Launches.Credits.SetAsync(number, new CreditsRequest(coContributors, namedAfter), Db, ct));
        if (saved is not null) return LocalRedirect($"/{Org.Slug}/ideas/{number}#timeline");
        return await InvalidAsync(number, ct);
    }

    public async Task<IActionResult> OnPostStatusAsync(int number, CancellationToken ct)
    {
        if (UserId is null) return Challenge();
        if (!IsStaff) return StatusCode(StatusCodes.Status403Forbidden);
        PostedForm = "status";
        var changed = Outcome<IdeaDetails>(await StatusChanges.ChangeAsync(number, new ChangeStatusRequest(NewStatus, Answer, DuplicateOf), HttpContext, Db, clock, ct));
        if (changed is not null) return LocalRedirect($"/{Org.Slug}/ideas/{number}#timeline");
        return await InvalidAsync(number, ct);
    }

    /// <summary>"Merge another idea into this one", on the original's page: the same move as marking that one a duplicate.</summary>
    public async Task<IActionResult> OnPostMergeAsync(int number, CancellationToken ct)
    {
        if (Require(OrgRole.Staff) is { } denied) return denied;
        PostedForm = "merge";
        var merged = Outcome<IdeaDetails>(await Merging.MergeAsync(number, new MergeRequest(MergeFrom, MergeAnswer), HttpContext, Db, clock, ct));
        if (merged is not null) return LocalRedirect($"/{Org.Slug}/ideas/{number}#merged-{MergeFrom}");
        return await InvalidAsync(number, ct);
    }

    /// <summary>Undoing a merge, on the merged idea's page (staff are not redirected away from it).</summary>
    public async Task<IActionResult> OnPostUnmergeAsync(int number, CancellationToken ct)
    {
        if (Require(OrgRole.Staff) is { } denied) return denied;
        PostedForm = "unmerge";
        var split = Outcome<IdeaDetails>(await Merging.UnmergeAsync(number, new UnmergeRequest(Answer), HttpContext, Db, clock, ct));
        if (split is not null) return LocalRedirect($"/{Org.Slug}/ideas/{number}#timeline");
        return await InvalidAsync(number, ct);
    }

    public async Task<IActionResult> OnPostLanguageAsync(int number, string? language, CancellationToken ct)
    {
        if (Require(OrgRole.Staff) is { } denied) return denied;
        PostedForm = "language";
        var set = Outcome<IdeaDetails>(await Search.IdeaLanguage.SetAsync(number, new Search.SetLanguageRequest(language), HttpContext, Db, ct));
        if (set is not null) return LocalRedirect($"/{Org.Slug}/ideas/{number}#language-heading");
        return await InvalidAsync(number, ct);
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
        if (idea.Status == IdeaStatus.Launched && await Db.FindAsync(number, ct) is { } row)
        {
            Help = await HelpAnswers.SummaryAsync(Db, row, UserId, ct);
            Credits = await Launches.Credits.ForAsync(Db, row, ct);
            if (IsStaff) CreditCandidates = await Launches.Credits.CandidatesAsync(Db, row, ct);
        }
        if (UserId is { } me)
        {
            var follow = await Db.Follows.Where(f => f.UserId == me && Db.Ideas.Any(i => i.Id == f.IdeaId && i.Number == number))
                .Select(f => (bool?)f.EveryComment).FirstOrDefaultAsync(ct);
            Following = follow switch { true => "every", false => "updates", null => "none" };
        }
        Comments = await CommentsApi.Project(Db.Comments.AsNoTracking()
            .Where(c => Db.Ideas.Any(i => i.Id == c.IdeaId && i.Number == number))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)).Take(500).ToListAsync(ct);
        Merged = await MergedAsync(number, ct);
        Standings = await Scores.ForAsync(Db, [idea.Author.Id, .. Comments.Select(c => c.Author.Id), .. Merged.SelectMany(m => m.Comments).Select(c => c.Author.Id)], ct);
        return true;
    }

    /// <summary>The duplicates merged into this idea and their comments: they stay theirs (counted there), shown here.</summary>
    private async Task<List<MergedIdea>> MergedAsync(int number, CancellationToken ct)
    {
        var merged = await Db.Ideas.AsNoTracking().Where(i => i.DuplicateOf != null && i.DuplicateOf.Number == number)
            .OrderBy(i => i.Number).Select(i => new { i.Id, i.Number, i.Title }).ToListAsync(ct);
        // One query per duplicate: an idea rarely has more than a few merged into it.
        var result = new List<MergedIdea>();
        foreach (var m in merged)
            result.Add(new MergedIdea(m.Number, m.Title, await CommentsApi.Project(Db.Comments.AsNoTracking()
                .Where(c => c.IdeaId == m.Id).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)).Take(500).ToListAsync(ct)));
        return result;
    }
}
