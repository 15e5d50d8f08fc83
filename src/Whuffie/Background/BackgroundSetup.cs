namespace Whuffie.Background;

/// <summary>The job queue's worker and the kinds of job this instance can run.</summary>
public static class BackgroundSetup
{
    public static void AddBackgroundWork(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Jobs");
        builder.Services.Configure<JobOptions>(section);
        builder.Services.AddKeyedScoped<IJobHandler, ProbeJob>(ProbeJob.Kind);

        builder.Services.AddSingleton<JobWorker>();
        if (section.GetValue("Enabled", true))
            builder.Services.AddHostedService(sp => sp.GetRequiredService<JobWorker>());
    }
}
