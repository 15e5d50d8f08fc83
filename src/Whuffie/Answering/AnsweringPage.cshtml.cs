using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Organizations;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Answering;

/// <summary>
/// /{org}/admin/answering, for staff: the ideas nobody has answered yet, oldest first, and the
/// organization's response figures; admins set the target for a first answer here.
/// </summary>
public sealed class AnsweringPageModel(WhuffieDb db, TimeProvider clock) : OrgPage(db)
{
    public ResponseFigures Figures { get; private set; } = null!;
    [BindProperty] public int? TargetDays { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Require(OrgRole.Staff) is { } denied) return denied;
        Figures = await ResponseFigures.ComputeAsync(Db, clock.GetUtcNow().UtcDateTime, ct);
        TargetDays = Figures.TargetDays;
        return Page();
    }

    public async Task<IActionResult> OnPostTargetAsync(CancellationToken ct)
    {
        if (Require(OrgRole.Admin) is { } denied) return denied;
        ModelState.Clear(); // "abc" must not show the framework's English message next to ours
        if (TargetDays is not (>= 1 and <= Organization.MaxResponseTargetDays))
        {
            Accept(new Validation().Add("targetDays", T("Answering.TargetRange", 1, Organization.MaxResponseTargetDays)));
            Figures = await ResponseFigures.ComputeAsync(Db, clock.GetUtcNow().UtcDateTime, ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var orgId = Org.Id;
        await Db.Organizations.Where(o => o.Id == orgId).ExecuteUpdateAsync(s => s.SetProperty(o => o.ResponseTargetDays, TargetDays.Value), ct);
        Db.Tenant.SettingsChanged = true;
        return LocalRedirect($"/{Org.Slug}/admin/answering");
    }

    /// <summary>"3.5 days" or "5 hours": precise enough to act on, short enough to scan.</summary>
    public static string Duration(TimeSpan? span) => span switch
    {
        null => "–",
        { TotalHours: < 48 } s => T("Answering.Hours", Math.Round(s.TotalHours, 1)),
        { } s => T("Answering.Days", Math.Round(s.TotalDays, 1)),
    };
}
