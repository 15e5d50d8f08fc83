using Whuffie.Background;
using Whuffie.Mail;

namespace Whuffie.Following;

public static class FollowingSetup
{
    /// <summary>
    /// Following ideas: the jobs that put updates on followed ideas in the bell and in followers'
    /// email (each event, or the daily digest). Sending the email is <see cref="MailSetup.AddMail"/>'s.
    /// </summary>
    public static void AddFollowing(this WebApplicationBuilder builder)
    {
        builder.Services.AddKeyedScoped<IJobHandler, NotifyJob>(NotifyJob.Kind);
        builder.AddDailyJob<DigestJob>(DigestJob.Kind, DigestJob.Hour);
    }
}
