using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Whuffie.Mail;

public static class MailSetup
{
    /// <summary>
    /// The job that sends each email of the outbox. With Mail:Host set, it goes to that SMTP server:
    /// binds <see cref="MailOptions"/> from the "Mail" section and registers <see cref="SmtpSender"/>,
    /// with the settings checked at start-up, so a wrong one stops the app instead of the first email.
    /// Without it, to the dev mailbox staff read in the app, so a new installation shows its email
    /// without any setup.
    /// </summary>
    public static void AddMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddKeyedScoped<Background.IJobHandler, SendEmailJob>(SendEmailJob.Kind);
        if (string.IsNullOrWhiteSpace(builder.Configuration["Mail:Host"]))
        {
            // A live site whose email silently stays in the app is a site whose people cannot confirm
            // or recover their accounts: the server does not start (commands still run) unless the
            // operator asked for the dev mailbox by name.
            var refuse = builder.Environment.IsProduction() && !builder.Configuration.GetValue<bool>("Mail:DevMailbox");
            builder.Services.AddOptions<NoMailServer>()
                .Validate(_ => !refuse, "No mail server is configured (Mail:Host), so nobody could confirm or recover an account. "
                    + "Set Mail:Host (see the README), or set Mail:DevMailbox=true to keep email in the dev mailbox on purpose.")
                .ValidateOnStart();
            return;
        }
        builder.Services.AddOptions<MailOptions>()
            .Bind(builder.Configuration.GetSection(MailOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SmtpSender>();
    }

    /// <summary>Nothing to hold: stands for the start-up check above.</summary>
    private sealed class NoMailServer;

    private sealed class MailOptionsValidator : IValidateOptions<MailOptions>
    {
        public ValidateOptionsResult Validate(string? name, MailOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
