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

public sealed record TimelineEntry(
    DateTime At,
    UserRef Actor,
    IdeaStatus From,
    IdeaStatus To,
    string Answer,
    string AnswerHtml,
    int? DuplicateOf);

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
    List<TimelineEntry> Timeline);

public sealed record SubmitIdeaRequest(string? Title, string? Body, string? Category);

public sealed record ChangeStatusRequest(string? Status, string? Answer, int? DuplicateOf);
