namespace Whuffie.Deliveries;

/// <summary>Wakes a channel's loop in this instance when deliveries were just written for it.</summary>
public sealed class DeliverySignal
{
    private readonly Dictionary<Channel, SemaphoreSlim> _wake = Enum.GetValues<Channel>().ToDictionary(c => c, _ => new SemaphoreSlim(0, 1));

    public void Wake(IEnumerable<Channel> channels)
    {
        foreach (var c in channels)
        {
            try { _wake[c].Release(); }
            catch (SemaphoreFullException) { } // already awake
        }
    }

    public void WakeAll() => Wake(Enum.GetValues<Channel>());

    public Task<bool> WaitAsync(Channel channel, TimeSpan timeout, CancellationToken ct) => _wake[channel].WaitAsync(timeout, ct);
}
