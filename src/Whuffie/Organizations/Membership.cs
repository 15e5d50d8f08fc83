using Whuffie.Accounts;
using Whuffie.Data;

namespace Whuffie.Organizations;

public enum OrgRole
{
    Member = 0,
    Staff = 1,
    Admin = 2,
}

/// <summary>A person's role in one organization. Created as member the first time they take part.</summary>
public sealed class Membership : ITenantOwned
{
    public int OrganizationId { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
    public OrgRole Role { get; set; }
    public DateTime JoinedAt { get; set; }

    /// <summary>
    /// Granted by staff to someone whose contributions they have come to rely on: shown as a
    /// badge beside the name, and a higher daily submission limit (<see cref="Reputation.SubmissionLimit"/>).
    /// </summary>
    public bool Trusted { get; set; }
}
