using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Web;

namespace Whuffie.Following;

/// <summary>
/// The way out in every email. Opening the link asks once; the button, or a mail provider's
/// one-click POST (RFC 8058, no cookie and no form token, hence no antiforgery check), turns
/// email off. The token alone names the person, so it works signed out and on any instance.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(WhuffieDb db, IDataProtectionProvider protection) : FormPage
{
    public string? Email { get; private set; }
    public string? Token { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken ct) =>
        await FindAsync(token, ct) ? Page() : Invalid();

    public async Task<IActionResult> OnPostAsync(string? token, CancellationToken ct)
    {
        if (!await FindAsync(token, ct)) return Invalid();
        var id = UnsubscribeTokens.Read(protection, token)!.Value;
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailNotifications, false), ct);
        Done = true;
        return Page();
    }

    private async Task<bool> FindAsync(string? token, CancellationToken ct)
    {
        if (UnsubscribeTokens.Read(protection, token) is not { } id) return false;
        Token = token;
        Email = await db.Users.Where(u => u.Id == id).Select(u => u.Email).FirstOrDefaultAsync(ct);
        return Email is not null;
    }

    private IActionResult Invalid()
    {
        Refusal = Text.T("Unsubscribe.Invalid");
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
