namespace Whuffie.Notices;

public static class NoticesSetup
{
    /// <summary>Publishing notices and subscribing to them; <see cref="Deliveries.DeliveriesSetup"/> sends them.</summary>
    public static void AddNotices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<NoticeOptions>().Bind(builder.Configuration.GetSection("Notices"));
        builder.Services.AddSingleton<Secrets>();
        builder.Services.AddSingleton<SubscribeLimit>();
    }
}
