using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;

namespace Whuffie.Organizations;

/// <summary>
/// Organizations by slug, remembered for a short while: every page and API request starts by
/// resolving its {org}, and the row changes rarely (branding). Unknown slugs are not
/// remembered, so a new organization is found at once; a changed one (branding) is forgotten
/// on every instance after the change (<see cref="Web.PageCache"/>), and <see cref="Lifetime"/>
/// bounds how long a missed notification can leave it stale.
/// </summary>
public sealed class OrganizationDirectory(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (Organization Org, DateTimeOffset Until)> _bySlug = new(StringComparer.Ordinal);

    /// <summary>A detached snapshot: read it, never save it.</summary>
    public async Task<Organization?> FindAsync(WhuffieDb db, string slug, CancellationToken ct)
    {
        slug = slug.ToLowerInvariant();
        var now = clock.GetUtcNow();
        if (_bySlug.TryGetValue(slug, out var entry) && entry.Until > now) return entry.Org;
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, ct);
        if (org is not null) _bySlug[slug] = (org, now + Lifetime);
        return org;
    }

    public void Forget(string slug) => _bySlug.TryRemove(slug.ToLowerInvariant(), out _);

    public void ForgetAll() => _bySlug.Clear();
}
