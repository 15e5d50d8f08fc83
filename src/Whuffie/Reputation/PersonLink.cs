using Whuffie.Accounts;

namespace Whuffie.Reputation;

/// <summary>A name as pages show it: a link to the person's page here, with their level and trust beside it.</summary>
public sealed record PersonLink(string OrgSlug, UserRef User, Standing? Standing)
{
    public string Url => $"/{OrgSlug}/people/{User.Id}";
}
