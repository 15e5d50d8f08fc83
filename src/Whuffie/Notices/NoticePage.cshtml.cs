using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Whuffie.Data;
using Whuffie.Deliveries;
using Whuffie.Organizations;

namespace Whuffie.Notices;

/// <summary>
/// /{org}/status/{id}: one notice with every update. Staff add updates or resolve it here, and
/// see per channel what was delivered, what waits and what failed (and why), with a retry.
/// </summary>
public sealed class NoticePageModel(WhuffieDb db, IConfiguration config, TimeProvider clock) : OrgPage(db)
{
    public NoticeDto? Notice { get; private set; }
    public DeliveryReport? Report { get; private set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public bool Resolve { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostUpdateAsync(int id, CancellationToken ct)
    {
        if (Require(OrgRole.Staff) is { } denied) return denied;
        var result = await NoticesApi.UpdateAsync(id, new NoticeUpdateRequest(Body, Resolve), User, Db, config, Signal, clock, ct);
        if (Outcome<NoticeDto>(result) is not null) return LocalRedirect($"/{Org.Slug}/status/{id}");
        if (!await LoadAsync(id, ct)) return NotFound();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(int id, string? channel, CancellationToken ct)
    {
        if (Require(OrgRole.Staff) is { } denied) return denied;
        var result = await NoticesApi.RetryAsync(id, new RetryRequest(channel), Db, Signal, clock, ct);
        if (result.Result is ProblemHttpResult { StatusCode: 404 }) return NotFound();
        return LocalRedirect($"/{Org.Slug}/status/{id}#deliveries");
    }

    private DeliverySignal Signal => HttpContext.RequestServices.GetRequiredService<DeliverySignal>();

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Notice = (await NoticesApi.DtosAsync(Db, config, [id], ct)).FirstOrDefault();
        if (Notice is null) return false;
        if (IsStaff && (await NoticesApi.DeliveriesAsync(id, Db, ct)).Result is Ok<DeliveryReport> ok) Report = ok.Value;
        return true;
    }
}
