using Whuffie.Accounts;
using Whuffie.Data;

namespace Whuffie.Comments;

public sealed class Comment : ITenantOwned
{
    public const int BodyMaxLength = 5_000;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int IdeaId { get; set; }
    public int AuthorId { get; set; }
    public User? Author { get; set; }
    public required string Body { get; set; }
    public string BodyHtml { get; set; } = "";

    /// <summary>Whether the author spoke as staff when writing it; kept even if their role changes later.</summary>
    public bool IsStaff { get; set; }

    /// <summary>Staff found it helpful: a label on the comment and whuffie for its author (see docs/whuffie.md).</summary>
    public bool MarkedHelpful { get; set; }

    public DateTime CreatedAt { get; set; }
}
