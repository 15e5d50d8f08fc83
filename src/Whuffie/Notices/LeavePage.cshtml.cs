using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Organizations;
using Whuffie.Web;

namespace Whuffie.Notices;

/// <summary>
/// The way out every notice carries. Opening the link asks once; the button, or a mail provider's
/// one-click POST (RFC 8058: no cookie, no form token, so no antiforgery check), ends the subscription.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class LeavePageModel(WhuffieDb db) : OrgPage(db)
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public NoticeSubscription? Subscription { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await FindAsync(ct) ? Page() : Invalid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await FindAsync(ct)) return Invalid();
        await SubscriptionsApi.RemoveAsync(Db, Subscription!.Id, ct);
        Done = true;
        return Page();
    }

    private async Task<bool> FindAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(Token) || Token.Length > 64) return false;
        Subscription = await Db.NoticeSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Token == Token, ct);
        return Subscription is not null;
    }

    private IActionResult Invalid()
    {
        Refusal = Text.T("Notices.LeaveInvalid");
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
