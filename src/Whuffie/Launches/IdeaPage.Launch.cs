using Microsoft.AspNetCore.Mvc;
using Whuffie.Launches;

// The idea page's namespace, not this folder's: the parts of a partial class must share one.
namespace Whuffie.Ideas;

/// <summary>
/// A launched idea on its page: "did it help?" (<c>_IdeaHelped.cshtml</c>), whose idea it was
/// in the timeline, and staff's credits form (<c>_IdeaCredits.cshtml</c>).
/// </summary>
public sealed partial class IdeaPageModel
{
    /// <summary>Whose idea it was, for a launched idea's timeline and staff's credits form; null before the launch.</summary>
    public CreditsDto? Credits { get; private set; }

    /// <summary>For staff: the people who took part and may be credited.</summary>
    public List<Accounts.UserRef> CreditCandidates { get; private set; } = [];

    /// <summary>"Did it help?" for a launched idea; null otherwise.</summary>
    public HelpSummary? Help { get; private set; }

    [BindProperty] public string? Helped { get; set; }
    [BindProperty] public string? HelpComment { get; set; }

    public async Task<IActionResult> OnPostHelpedAsync(int number, CancellationToken ct)
    {
        if (UserId is null) return Challenge();
        var answered = Outcome<HelpSummary>(await HelpAnswers.AnswerAsync(number, new HelpRequest(Helped, HelpComment), HttpContext, Db, clock, ct));
        if (answered is not null) return LocalRedirect($"/{Org.Slug}/ideas/{number}#did-it-help");
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

    private async Task LoadLaunchAsync(int number, CancellationToken ct)
    {
        if (await Db.FindAsync(number, ct) is not { } row) return;
        Help = await HelpAnswers.SummaryAsync(Db, row, UserId, ct);
        Credits = await Launches.Credits.ForAsync(Db, row, ct);
        if (IsStaff) CreditCandidates = await Launches.Credits.CandidatesAsync(Db, row, ct);
    }
}
