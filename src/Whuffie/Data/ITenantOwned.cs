namespace Whuffie.Data;

/// <summary>
/// A row that belongs to one organization. WhuffieDb filters every query of these by the
/// current tenant and refuses to save one into another organization.
/// </summary>
public interface ITenantOwned
{
    int OrganizationId { get; set; }
}
