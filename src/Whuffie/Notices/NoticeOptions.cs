namespace Whuffie.Notices;

/// <summary>The limits on subscribing (section "Notices"); the delivery loops' settings are <see cref="Deliveries.DeliveryOptions"/>.</summary>
public sealed class NoticeOptions
{
    /// <summary>Subscriptions one network address may ask for in an hour (<see cref="SubscribeLimit"/>).</summary>
    public int SubscribeLimit { get; set; } = 20;

    /// <summary>Confirmation messages one email address or phone number may get in 24 hours, whoever asks.</summary>
    public int ConfirmationsPerDay { get; set; } = 3;
}
