using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Notices;
using Whuffie.Web;

namespace Whuffie.Accounts;

[Authorize]
public sealed class ProfileModel(WhuffieDb db) : FormPage
{
    public MeDto Me { get; private set; } = null!;
    [BindProperty] public string? DisplayName { get; set; }
    public bool Saved { get; private set; }
    [BindProperty] public bool EmailNotifications { get; set; }
    [BindProperty] public bool EmailDigest { get; set; }
    [BindProperty] public string? Language { get; set; }
    [BindProperty] public bool ShowOnLeaderboard { get; set; }
    public List<MySubscriptionDto> Subscriptions { get; private set; } = [];
    public Dictionary<string, List<TopicDto>> TopicsByOrg { get; private set; } = [];
    /// <summary>What the last notices form did ("saved", "removed"), to say so after the redirect.</summary>
    public string? NoticesDone { get; private set; }
    [BindProperty] public long SubscriptionId { get; set; }
    [BindProperty] public List<string> TopicSlugs { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(bool saved, string? notices, CancellationToken ct)
    {
        NoticesDone = notices is "saved" or "removed" ? notices : null;
        if (!await LoadAsync(ct)) return Challenge();
        await LoadSettingsAsync(ct);
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var me = Outcome<MeDto>(await AccountsApi.UpdateMeAsync(new UpdateMeRequest(DisplayName), HttpContext, db, ct));
        if (me is not null) return LocalRedirect("/me?saved=true");
        if (!await LoadAsync(ct)) return Challenge();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Email about followed ideas on or off, and the language it is written in.</summary>
    public async Task<IActionResult> OnPostEmailAsync(CancellationToken ct)
    {
        if (User.UserId() is not { } me) return Challenge();
        var language = Languages.IsSupported(Language) ? Language : null;
        await db.Users.Where(u => u.Id == me).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.EmailNotifications, EmailNotifications)
            .SetProperty(u => u.EmailDigest, EmailDigest)
            .SetProperty(u => u.Language, language), ct);
        return LocalRedirect("/me?saved=true");
    }

    /// <summary>Whether the person appears on the leaderboards of the organizations they take part in.</summary>
    public async Task<IActionResult> OnPostLeaderboardAsync(CancellationToken ct)
    {
        if (User.UserId() is not { } me) return Challenge();
        await db.Users.Where(u => u.Id == me).ExecuteUpdateAsync(s => s.SetProperty(u => u.ShowOnLeaderboard, ShowOnLeaderboard), ct);
        return LocalRedirect("/me?saved=true#leaderboard");
    }

    /// <summary>The topics of one notice subscription; none chosen means all of them.</summary>
    public async Task<IActionResult> OnPostNoticeTopicsAsync(CancellationToken ct)
    {
        if (User.UserId() is null) return Challenge();
        PageCache.ChangesNoPage(HttpContext);
        var result = await MySubscriptionsApi.ChangeTopicsAsync(SubscriptionId, new ChangeTopicsRequest([.. TopicSlugs]), required: true, User, db, ct);
        if (Outcome<MySubscriptionDto>(result) is not null) return LocalRedirect($"/me?notices=saved#subscription-{SubscriptionId}");
        return await RefusedAsync(result.Result is ProblemHttpResult ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, ct);
    }

    public async Task<IActionResult> OnPostNoticeRemoveAsync(CancellationToken ct)
    {
        if (User.UserId() is null) return Challenge();
        PageCache.ChangesNoPage(HttpContext);
        var result = await MySubscriptionsApi.RemoveAsync(SubscriptionId, User, db, ct);
        if (result.Result is NoContent) return LocalRedirect("/me?notices=removed#notices");
        Outcome<object>(result);
        return await RefusedAsync(StatusCodes.Status404NotFound, ct);
    }

    private async Task<IActionResult> RefusedAsync(int status, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Challenge();
        await LoadSettingsAsync(ct);
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadSettingsAsync(CancellationToken ct)
    {
        DisplayName = Me.DisplayName;
        var settings = await db.Users.Where(u => u.Id == Me.Id).Select(u => new { u.EmailNotifications, u.EmailDigest, u.Language, u.ShowOnLeaderboard }).FirstAsync(ct);
        (EmailNotifications, EmailDigest, Language, ShowOnLeaderboard) = (settings.EmailNotifications, settings.EmailDigest, settings.Language, settings.ShowOnLeaderboard);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var result = await AccountsApi.GetMeAsync(HttpContext, db, ct);
        if (result.Result is not Ok<MeDto> ok) return false;
        Me = ok.Value!;
        Subscriptions = await MySubscriptionsApi.ReadAsync(db, Me.Id, id: null, ct);
        TopicsByOrg = await MySubscriptionsApi.TopicsByOrgAsync(db, Subscriptions.Select(s => s.Org), ct);
        return true;
    }
}
