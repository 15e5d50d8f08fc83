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
        if (string.IsNullOrWhiteSpace(builder.Configuration["Mail:Host"])) return;
        builder.Services.AddOptions<MailOptions>()
            .Bind(builder.Configuration.GetSection(MailOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SmtpSender>();
    }

    private sealed class MailOptionsValidator : IValidateOptions<MailOptions>
    {
        public ValidateOptionsResult Validate(string? name, MailOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
