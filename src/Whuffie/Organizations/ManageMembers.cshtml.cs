using Microsoft.AspNetCore.Mvc;
using Whuffie.Data;

namespace Whuffie.Organizations;

/// <summary>Admins decide who is staff: the members list and the role change of the API.</summary>
public sealed class ManageMembersModel(WhuffieDb db, TimeProvider clock) : OrgPage(db)
{
    public List<MemberDto> Members { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Require(OrgRole.Admin) is { } denied) return denied;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int userId, string? role, CancellationToken ct)
    {
        if (Require(OrgRole.Admin) is { } denied) return denied;
        if (Outcome<MemberDto>(await OrganizationsApi.ChangeRoleAsync(userId, new ChangeRoleRequest(role), Db, clock, ct)) is not null)
            return LocalRedirect($"/{Org.Slug}/admin/members");
        Refusal ??= ErrorFor("role");
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var result = await OrganizationsApi.ListMembersAsync(Db, ct);
        Members = result.Value ?? [];
    }
}
