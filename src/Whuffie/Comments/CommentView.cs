using Whuffie.Reputation;

namespace Whuffie.Comments;

/// <summary>
/// A comment as the idea page shows it: with its author's level, and the helpful button when the
/// viewer is staff (<paramref name="StaffViewer"/>; signed-in pages are never cached, so it cannot leak).
/// </summary>
public sealed record CommentView(string OrgSlug, int IdeaNumber, CommentDto Comment, Standing? Author, bool StaffViewer);
