using Whuffie.Data;

namespace Whuffie.Launches;

public enum Helped
{
    Yes,
    Partly,
    No,
}

/// <summary>
/// One person's answer to "did it help?" about a launched idea: asked of those who took part
/// (submitted, voted, followed), once per person, with an optional word about what changed.
/// </summary>
public sealed class HelpAnswer : ITenantOwned
{
    public const int CommentMaxLength = 1_000;

    public int OrganizationId { get; set; }
    public int IdeaId { get; set; }
    public int UserId { get; set; }
    public Helped Answer { get; set; }
    public string Comment { get; set; } = "";
    public DateTime At { get; set; }
}
