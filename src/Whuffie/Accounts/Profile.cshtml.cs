using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Whuffie.Data;
using Whuffie.Web;

namespace Whuffie.Accounts;

[Authorize]
public sealed class ProfileModel(WhuffieDb db) : FormPage
{
    public MeDto Me { get; private set; } = null!;
    [BindProperty] public string? DisplayName { get; set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Challenge();
        DisplayName = Me.DisplayName;
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

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var result = await AccountsApi.GetMeAsync(HttpContext, db, ct);
        if (result.Result is not Ok<MeDto> ok) return false;
        Me = ok.Value!;
        return true;
    }
}
