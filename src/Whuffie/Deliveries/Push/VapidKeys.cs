using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Notices;

namespace Whuffie.Deliveries.Push;

/// <summary>
/// The organization's VAPID key pair (RFC 8292), made on first use and kept in its channel
/// settings (the private key protected), so every instance signs with the same key and browsers'
/// subscriptions stay valid across restarts.
/// </summary>
public static class VapidKeys
{
    public static async Task<string> PublicKeyAsync(WhuffieDb db, Secrets secrets, CancellationToken ct) => (await GetAsync(db, secrets, ct)).PublicKey;

    public static async Task<Vapid> GetAsync(WhuffieDb db, Secrets secrets, CancellationToken ct)
    {
        var s = await db.ChannelSettings.FirstOrDefaultAsync(ct);
        if (s?.VapidPublicKey is { } pub && secrets.Unprotect(s.VapidPrivateKey) is { } priv) return new Vapid(pub, priv);
        var made = Vapid.Generate();
        s ??= db.ChannelSettings.Add(new ChannelSettings()).Entity;
        s.VapidPublicKey = made.PublicKey;
        s.VapidPrivateKey = secrets.Protect(made.PrivateKey);
        try
        {
            await db.SaveChangesAsync(ct);
            return made;
        }
        catch (DbUpdateException)
        {
            // Another request made one at the same moment: use theirs.
            db.ChangeTracker.Clear();
            var theirs = await db.ChannelSettings.AsNoTracking().FirstAsync(ct);
            return new Vapid(theirs.VapidPublicKey!, secrets.Unprotect(theirs.VapidPrivateKey)!);
        }
    }
}
