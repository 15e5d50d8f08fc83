using Whuffie.Accounts;

namespace Whuffie.Ideas;

public sealed record CategoryRef(string Slug, string Name);

public sealed record IdeaSummary(
    int Number,
    string Title,
    string Body,
    IdeaStatus Status,
    CategoryRef? Category,
    UserRef Author,
    int VoteCount,
    int CommentCount,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int? DuplicateOf);

/// <summary>
/// One step on an idea's way. <paramref name="Merged"/>: on the original, the duplicate merged into
/// it (From == To). <paramref name="SplitOff"/>: a merge undone; on the original the duplicate split
/// off again (From == To), on the duplicate the original it left.
/// </summary>
public sealed record TimelineEntry(
    DateTime At,
    UserRef Actor,
    IdeaStatus From,
    IdeaStatus To,
    string Answer,
    string AnswerHtml,
    int? DuplicateOf,
    int? Merged,
    int? SplitOff);

public sealed record IdeaDetails(
    int Number,
    string Title,
    string Body,
    string BodyHtml,
    IdeaStatus Status,
    CategoryRef? Category,
    UserRef Author,
    int VoteCount,
    int CommentCount,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int? DuplicateOf,
    bool? VotedByMe,
    List<TimelineEntry> Timeline,
    string Language);

public sealed record SubmitIdeaRequest(string? Title, string? Body, string? Category);

public sealed record ChangeStatusRequest(string? Status, string? Answer, int? DuplicateOf);

/// <summary>Merging idea <paramref name="From"/> into the idea in the address.</summary>
public sealed record MergeRequest(int? From, string? Answer);

public sealed record UnmergeRequest(string? Answer);
