using Microsoft.AspNetCore.Mvc;
using Whuffie.Data;
using Whuffie.Organizations;

namespace Whuffie.Notices;

/// <summary>
/// The second step of subscribing: the link from the confirmation email (opened, then one button,
/// so a mail scanner that follows links confirms nothing), or the code sent by SMS.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Limits.RateLimits.Confirm)]
public sealed class ConfirmPageModel(WhuffieDb db, TimeProvider clock) : OrgPage(db)
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty(SupportsGet = true)] public string? Phone { get; set; }
    [BindProperty] public string? Code { get; set; }
    public bool Done { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = Token is { Length: > 0 } ? new ConfirmRequest(Token, null, null) : new ConfirmRequest(null, Phone, Code);
        Done = Outcome<SubscriptionDto>(await SubscriptionsApi.ConfirmAsync(request, Db, clock, ct)) is not null;
        if (!Done) Response.StatusCode = Refusal is null ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound;
        return Page();
    }
}
