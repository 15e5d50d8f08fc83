using Whuffie.Notices;
using Whuffie.Organizations;
using Whuffie.Outbound;

namespace Whuffie.Deliveries.Channels;

/// <summary>
/// One delivery as its channel sees it: the row, its organization and, as they apply, the
/// subscriber, the notice update (with the notice and the update's place in it) or the webhook.
/// </summary>
public sealed record DeliveryWork(Delivery Delivery, Organization Organization, NoticeSubscription? Subscription,
    Notice? Notice, NoticeUpdate? Update, int UpdateIndex, Webhook? Webhook)
{
    public string MessageId => Delivery.MessageId;
}

/// <summary>
/// A channel: takes a claimed batch and says what became of each delivery. Never throws for a
/// receiver's problem (that is a <see cref="DeliveryResult.Retry"/> or <see cref="DeliveryResult.Failed"/>
/// outcome); each channel has its own worker loop, so one that hangs holds up only itself.
/// </summary>
public interface IChannelSender
{
    Channel Channel { get; }

    /// <summary>How many deliveries one claim takes.</summary>
    int BatchSize { get; }

    Task<IReadOnlyList<DeliveryOutcome>> SendAsync(IReadOnlyList<DeliveryWork> batch, CancellationToken ct);
}

/// <summary>Helpers for the HTTP channels.</summary>
public static class HttpOutcomes
{
    /// <summary>
    /// 2xx sent; 408, 429 and 5xx worth a retry; any other answer (a redirect too: they are not
    /// followed) refused for good. Only the status line is kept: the body of whatever answered
    /// could be anything on the receiver's side, and staff read these records.
    /// </summary>
    public static DeliveryOutcome FromStatus(long id, int status, string? reason)
    {
        var response = OutboundAnswers.Status(status, reason);
        if (status is >= 200 and < 300) return new DeliveryOutcome(id, DeliveryResult.Sent, response);
        var retry = status is 408 or 429 or >= 500;
        return new DeliveryOutcome(id, retry ? DeliveryResult.Retry : DeliveryResult.Failed, response);
    }

    public static DeliveryOutcome FromException(long id, Exception e) => new(id, DeliveryResult.Retry, e switch
    {
        TaskCanceledException or TimeoutException => "no answer in time",
        _ when OutboundRefusedException.In(e) is { } refused => OutboundAnswers.Refused(refused),
        HttpRequestException h => $"not reachable: {h.Message}",
        _ => e.Message,
    });

    /// <summary>
    /// Sends each item with a few at a time in flight; a slow receiver holds up only its own slot.
    /// Once <paramref name="ct"/> fires (the lease is ending, or the app stops) nothing new starts
    /// and what is still out becomes a retry, but every send that got its answer keeps it: the loop
    /// is not cancelled as a whole, which would throw away finished sends and make them again.
    /// </summary>
    public static async Task<IReadOnlyList<DeliveryOutcome>> EachAsync(IReadOnlyList<DeliveryWork> batch, int parallel,
        Func<DeliveryWork, CancellationToken, Task<DeliveryOutcome>> send, CancellationToken ct)
    {
        var outcomes = new DeliveryOutcome[batch.Count];
        await Parallel.ForAsync(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
        {
            var id = batch[i].Delivery.Id;
            if (ct.IsCancellationRequested)
            {
                outcomes[i] = NotStarted(id);
                return;
            }
            try
            {
                outcomes[i] = await send(batch[i], ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                outcomes[i] = CutShort(id);
            }
            catch (Exception e)
            {
                outcomes[i] = FromException(id, e);
            }
        });
        return outcomes;
    }

    /// <summary>A send the batch's time ran out on before its answer came: the receiver may have it, so it goes again with the same id.</summary>
    public static DeliveryOutcome CutShort(long id) => new(id, DeliveryResult.Retry, "cut short before an answer came (the lease ran out or the app stopped)");

    public static DeliveryOutcome NotStarted(long id) => new(id, DeliveryResult.Retry, "not sent before the lease ran out or the app stopped");
}
