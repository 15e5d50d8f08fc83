using Whuffie.Data;

namespace Whuffie.Background;

/// <summary>A job that runs once a day at <paramref name="Hour"/> UTC and schedules its own next run.</summary>
public sealed record DailyJob(string Kind, int Hour);

/// <summary>
/// Puts each registered daily job in the queue when an instance starts (each run then schedules
/// the next, <see cref="JobQueue.ScheduleDailyAsync"/>). Capabilities register theirs with
/// <see cref="DailyJobs.AddDailyJob{THandler}"/> beside their handler, so nothing schedules another capability's work.
/// </summary>
public sealed class DailySchedule(IServiceScopeFactory scopes, IEnumerable<DailyJob> jobs, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var job in jobs) await db.ScheduleDailyAsync(job.Kind, job.Hour, now, null, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class DailyJobs
{
    /// <summary>Registers a daily job's handler, and its schedule where this instance runs jobs (Jobs:Enabled).</summary>
    public static void AddDailyJob<THandler>(this WebApplicationBuilder builder, string kind, int hour) where THandler : class, IJobHandler
    {
        builder.Services.AddKeyedScoped<IJobHandler, THandler>(kind);
        builder.Services.AddSingleton(new DailyJob(kind, hour));
        if (builder.Configuration.GetValue("Jobs:Enabled", true) && !builder.Services.Any(s => s.ImplementationType == typeof(DailySchedule)))
            builder.Services.AddHostedService<DailySchedule>();
    }
}
