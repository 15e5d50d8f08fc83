using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;

namespace Whuffie.Categories;

/// <summary>A category as lists need it: the id rows point at, and what a person sees.</summary>
public sealed record CategoryEntry(int Id, string Slug, string Name);

/// <summary>
/// Each organization's categories, by name. Every idea list needs them (the filter picker and
/// the name on each row) and they change rarely, so a list reads them from here instead of
/// joining them in. A successful change to an organization forgets its entry on every
/// instance (<see cref="Web.PageCache"/>); <see cref="Lifetime"/> bounds how long a rare race
/// (a read that started before the change and stored after the forgetting) can last.
/// </summary>
public sealed class CategoryCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (IReadOnlyList<CategoryEntry> Categories, DateTimeOffset Until)> _bySlug = new(StringComparer.Ordinal);

    /// <summary>The current organization's categories, ordered by name.</summary>
    public async Task<IReadOnlyList<CategoryEntry>> AllAsync(WhuffieDb db, CancellationToken ct)
    {
        var slug = db.Tenant.Current.Slug;
        var now = clock.GetUtcNow();
        if (_bySlug.TryGetValue(slug, out var entry) && entry.Until > now) return entry.Categories;
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new CategoryEntry(c.Id, c.Slug, c.Name)).ToListAsync(ct);
        _bySlug[slug] = (categories, now + Lifetime);
        return categories;
    }

    public void Forget(string organizationSlug) => _bySlug.TryRemove(organizationSlug, out _);

    public void ForgetAll() => _bySlug.Clear();
}
