using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Organizations;
using Whuffie.Outbound;

namespace Whuffie.Tests.Outbound;

/// <summary>
/// The app with the outbound guard as an operator leaves it, except for one allowed address
/// (127.0.0.2, where the tests' own receivers listen) and a DNS the tests answer: names map to
/// whatever address a test needs, so every forbidden range can stand behind a name.
/// </summary>
public sealed class GuardedApp : IAsyncLifetime
{
    public static readonly IPAddress Receivers = IPAddress.Parse("127.0.0.2");

    public WhuffieFactory App { get; } = new();
    public WebApplicationFactory<Program> Host { get; private set; } = null!;

    /// <summary>What each name resolves to, asked again at every resolution.</summary>
    public ConcurrentDictionary<string, Func<IPAddress[]>> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every name the guard asked the DNS about, in order.</summary>
    public ConcurrentQueue<string> Asked { get; } = new();

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        Host = App.WithWebHostBuilder(b =>
        {
            b.UseSetting("Outbound:Timeout", "00:00:03");
            b.ConfigureServices(s => s.PostConfigure<OutboundOptions>(o =>
            {
                o.AllowedNetworks = ["127.0.0.2/32"];
                o.Resolve = (name, _) =>
                {
                    Asked.Enqueue(name);
                    return Names.TryGetValue(name, out var answer) ? Task.FromResult(answer())
                        : Task.FromException<IPAddress[]>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound));
                };
            }));
        });
        _ = Host.Server;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await ((IAsyncLifetime)App).DisposeAsync();
    }

    /// <summary>The client every channel sends with.</summary>
    public HttpClient Outbound() => Host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundSetup.ClientName);

    /// <summary>A new organization and its administrator, signed in on the guarded app.</summary>
    public async Task<(string Org, HttpClient Admin)> AdminAsync()
    {
        var org = await App.CreateOrgAsync("guarded", "Søborg Energi");
        var lars = await App.SignUpAsync("Lars");
        await App.GrantAsync(lars, org, OrgRole.Admin);
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = lars.Client.DefaultRequestHeaders.Authorization;
        return (org, client);
    }
}
