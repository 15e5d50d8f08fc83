using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Organizations;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Notices;

/// <summary>
/// Where the holder of a subscription changes its topics and language, by the token only its
/// address got (in the "manage your subscription" message, sent when someone asks to subscribe
/// an address that is confirmed already). No account needed; the way out is one link away.
/// </summary>
public sealed class ManagePageModel(WhuffieDb db) : OrgPage(db)
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public List<string> TopicSlugs { get; set; } = [];
    [BindProperty] public string? Language { get; set; }
    public NoticeSubscription? Subscription { get; private set; }
    public List<TopicDto> Topics { get; private set; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        if (!await FindAsync(ct)) return Invalid();
        Saved = saved;
        Language = Subscription!.Language;
        TopicSlugs = await Db.NoticeTopics.Where(t => Subscription.Topics.Select(x => x.TopicId).Contains(t.Id)).Select(t => t.Slug).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await FindAsync(ct)) return Invalid();
        var slugs = TopicSlugs.Select(t => t.Trim().ToLowerInvariant()).Distinct().ToList();
        var topics = await Db.NoticeTopics.Where(t => slugs.Contains(t.Slug)).ToListAsync(ct);
        var validation = new Validation();
        foreach (var unknown in slugs.Except(topics.Select(t => t.Slug))) validation.Add("topics", T("Notices.TopicUnknown", unknown));
        if (!Languages.IsSupported(Language)) validation.Add("language", T("Notices.ManageLanguageInvalid"));
        if (!Accept(validation))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var sub = Subscription!;
        await using var tx = await Db.BeginWriteAsync(ct);
        var tracked = await Db.NoticeSubscriptions.Include(s => s.Topics).SingleAsync(s => s.Id == sub.Id, ct);
        tracked.Language = Language!;
        tracked.AllTopics = topics.Count == 0;
        tracked.Topics = topics.Select(t => new SubscriptionTopic { TopicId = t.Id }).ToList();
        await Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return LocalRedirect($"/{Org.Slug}/status/manage?token={Uri.EscapeDataString(Token!)}&saved=true");
    }

    private async Task<bool> FindAsync(CancellationToken ct)
    {
        Topics = await ChannelsApi.TopicsAsync(Db, ct);
        if (string.IsNullOrEmpty(Token) || Token.Length > 64) return false;
        Subscription = await Db.NoticeSubscriptions.AsNoTracking().Include(s => s.Topics).FirstOrDefaultAsync(s => s.Token == Token, ct);
        return Subscription is not null;
    }

    private IActionResult Invalid()
    {
        Refusal = T("Notices.LeaveInvalid");
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
