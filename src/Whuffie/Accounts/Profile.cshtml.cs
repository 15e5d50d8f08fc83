using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
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

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Challenge();
        DisplayName = Me.DisplayName;
        var settings = await db.Users.Where(u => u.Id == User.UserId()).Select(u => new { u.EmailNotifications, u.EmailDigest, u.Language, u.ShowOnLeaderboard }).FirstAsync(ct);
        (EmailNotifications, EmailDigest, Language, ShowOnLeaderboard) = (settings.EmailNotifications, settings.EmailDigest, settings.Language, settings.ShowOnLeaderboard);
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

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var result = await AccountsApi.GetMeAsync(HttpContext, db, ct);
        if (result.Result is not Ok<MeDto> ok) return false;
        Me = ok.Value!;
        return true;
    }
}
