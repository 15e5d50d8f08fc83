using Whuffie.Background;
using Whuffie.Deliveries.Channels;

namespace Whuffie.Deliveries;

/// <summary>
/// The delivery engine: one queue per channel, one loop per channel claiming with leases, the
/// channels that send, and the daily prune of sent rows. Notices and idea events write deliveries;
/// this capability sends them.
/// </summary>
public static class DeliveriesSetup
{
    public static void AddDeliveries(this WebApplicationBuilder builder)
    {
        // The settings kept their "Notices" section from when notices were the only thing delivered.
        builder.Services.AddOptions<DeliveryOptions>().Bind(builder.Configuration.GetSection("Notices"));
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddKeyedScoped<IChannelSender, EmailChannel>(Channel.Email);
        builder.Services.AddKeyedScoped<IChannelSender, PushChannel>(Channel.Push);
        builder.Services.AddKeyedScoped<IChannelSender, SmsChannel>(Channel.Sms);
        builder.Services.AddKeyedScoped<IChannelSender, MastodonChannel>(Channel.Mastodon);
        builder.Services.AddKeyedScoped<IChannelSender, WebhookChannel>(Channel.Webhook);
        builder.Services.AddKeyedScoped<IChannelSender, WebSubChannel>(Channel.WebSub);
        builder.Services.AddSingleton<DeliveryWorkers>();
        builder.AddDailyJob<PruneDeliveriesJob>(PruneDeliveriesJob.Kind, PruneDeliveriesJob.Hour);
        if (builder.Configuration.GetValue("Notices:Enabled", true))
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorkers>());
    }
}
