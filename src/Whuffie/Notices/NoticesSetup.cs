using Whuffie.Background;
using Whuffie.Notices.Channels;

namespace Whuffie.Notices;

public static class NoticesSetup
{
    public const string HttpClientName = "notices";

    /// <summary>The channels, each a keyed sender, and the loops that drive them (unless Notices:Enabled is false).</summary>
    public static void AddNotices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<NoticeOptions>().Bind(builder.Configuration.GetSection("Notices"));
        var timeout = builder.Configuration.GetValue("Notices:SendTimeout", TimeSpan.FromSeconds(10));
        builder.Services.AddHttpClient(HttpClientName, c =>
        {
            c.Timeout = timeout;
            c.DefaultRequestHeaders.UserAgent.ParseAdd("Whuffie-Notices/1.0");
        });
        builder.Services.AddSingleton<Secrets>();
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<SubscribeLimit>();
        builder.Services.AddKeyedScoped<IChannelSender, EmailChannel>(Channel.Email);
        builder.Services.AddKeyedScoped<IChannelSender, PushChannel>(Channel.Push);
        builder.Services.AddKeyedScoped<IChannelSender, SmsChannel>(Channel.Sms);
        builder.Services.AddKeyedScoped<IChannelSender, MastodonChannel>(Channel.Mastodon);
        builder.Services.AddKeyedScoped<IChannelSender, WebhookChannel>(Channel.Webhook);
        builder.Services.AddKeyedScoped<IChannelSender, WebSubChannel>(Channel.WebSub);
        builder.Services.AddSingleton<DeliveryWorkers>();
        builder.Services.AddKeyedScoped<IJobHandler, PruneDeliveriesJob>(PruneDeliveriesJob.Kind);
        if (builder.Configuration.GetValue("Notices:Enabled", true))
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorkers>());
    }
}
