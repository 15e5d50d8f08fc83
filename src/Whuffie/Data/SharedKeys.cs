using Microsoft.AspNetCore.DataProtection;

namespace Whuffie.Data;

/// <summary>
/// Data Protection keys encrypt the sign-in cookie, the API's bearer tokens and the forms'
/// antiforgery tokens. They live in the database (the DataProtectionKeys table), so every
/// instance behind a load balancer reads one key ring: a person signed in through one
/// instance is signed in on all of them, and a form served by one may be posted to another.
/// </summary>
public static class SharedKeys
{
    /// <summary>
    /// Payloads are bound to the application name, which defaults to the content root path;
    /// instances deployed to different folders would then refuse each other's cookies.
    /// </summary>
    public const string ApplicationName = "whuffie";

    public static void AddSharedKeys(this WebApplicationBuilder builder) =>
        builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<WhuffieDb>();

    /// <summary>
    /// Makes the first key now if there is none (`whuffie migrate` calls this), so that instances
    /// started together find one key instead of each making its own and refusing the others'.
    /// </summary>
    public static void EnsureKey(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Whuffie.SharedKeys").Protect([]);
}
