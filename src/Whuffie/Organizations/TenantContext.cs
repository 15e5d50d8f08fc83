namespace Whuffie.Organizations;

/// <summary>
/// The organization the current request (or CLI command) works in. Set once, by the route
/// filter for /orgs/{org} or by the CLI; WhuffieDb reads it for its tenant filter.
/// </summary>
public sealed class TenantContext
{
    private Organization? _organization;

    public Organization? Organization => _organization;

    /// <summary>
    /// Set by a change to what every page of the organization shows besides ideas (its
    /// categories), so the caches of those go too, not only the cached pages (<see cref="Web.PageCache"/>).
    /// </summary>
    public bool SettingsChanged { get; set; }

    public Organization Current =>
        _organization ?? throw new InvalidOperationException("No organization has been chosen for this request.");

    public void Enter(Organization organization)
    {
        if (_organization is not null && _organization.Id != organization.Id)
            throw new InvalidOperationException("A request works in exactly one organization.");
        _organization = organization;
    }
}
