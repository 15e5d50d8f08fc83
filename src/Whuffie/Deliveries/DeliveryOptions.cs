namespace Whuffie.Deliveries;

/// <summary>
/// How the delivery loops run. Bound to the "Notices" section: the settings were named when notices
/// were the engine's only content, and operators' configurations keep working.
/// </summary>
public sealed class DeliveryOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How often an idle channel looks for due deliveries written by another instance (its own instance wakes it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long sent deliveries stay as rows before only their counts are kept (<see cref="PruneDeliveriesJob"/>).</summary>
    public TimeSpan KeepDeliveries { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The contact (mailto: or https:) that VAPID gives push services (RFC 8292 §2.1).</summary>
    public string PushContact { get; set; } = "mailto:operator@whuffie.invalid";
}
