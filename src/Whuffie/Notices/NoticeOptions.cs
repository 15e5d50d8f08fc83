namespace Whuffie.Notices;

/// <summary>The limits on subscribing (section "Notices"); the delivery loops' settings are <see cref="Deliveries.DeliveryOptions"/>.</summary>
public sealed class NoticeOptions
{
    /// <summary>Subscriptions one network address may ask for in an hour (<see cref="SubscribeLimit"/>).</summary>
    public int SubscribeLimit { get; set; } = 20;

    /// <summary>Confirmation messages one email address or phone number may get in 24 hours, whoever asks.</summary>
    public int ConfirmationsPerDay { get; set; } = 3;

    /// <summary>
    /// Confirmation and manage texts one organization may send in 24 hours, unless its admins set
    /// their own number on the channels page: each costs the organization money, and anyone may
    /// ask for one, so a script with many numbers would otherwise run up its bill.
    /// </summary>
    public int SmsConfirmationsPerDay { get; set; } = 200;
}
