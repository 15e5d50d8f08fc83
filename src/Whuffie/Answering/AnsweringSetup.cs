using Whuffie.Background;

namespace Whuffie.Answering;

public static class AnsweringSetup
{
    /// <summary>The daily reminder to staff of ideas still waiting for a first answer.</summary>
    public static void AddAnswering(this WebApplicationBuilder builder) =>
        builder.AddDailyJob<ReminderJob>(ReminderJob.Kind, ReminderJob.Hour);
}
