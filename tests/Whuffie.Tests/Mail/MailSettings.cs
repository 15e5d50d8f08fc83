using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Whuffie.Mail;

namespace Whuffie.Tests.Mail;

/// <summary>The "Mail" configuration section: read by AddMail, and refused at start when unsafe.</summary>
public sealed class MailSettings
{
    [Fact]
    public void AddMail_reads_the_Mail_section_and_provides_a_sender()
    {
        using var app = Build(new()
        {
            ["Mail:Host"] = "smtp.example.dk",
            ["Mail:Security"] = "Tls",
            ["Mail:User"] = "whuffie",
            ["Mail:Password"] = "secret",
            ["Mail:From"] = "noreply@whuffie.example",
            ["Mail:FromName"] = "Whuffie",
            ["Mail:CommandTimeout"] = "00:00:20",
        });

        app.Services.GetRequiredService<IStartupValidator>().Validate();
        var options = app.Services.GetRequiredService<IOptions<MailOptions>>().Value;
        Assert.Equal((MailSecurity.Tls, 465, TimeSpan.FromSeconds(20)), (options.Security, options.EffectivePort, options.CommandTimeout));
        Assert.Equal(new Mailbox("noreply@whuffie.example", "Whuffie"), options.Sender);
        Assert.NotNull(app.Services.GetRequiredService<SmtpSender>());
    }

    [Fact]
    public void Unsafe_mail_settings_stop_the_app_at_start()
    {
        using var app = Build(new() { ["Mail:Host"] = "smtp.example.dk", ["Mail:Security"] = "None", ["Mail:From"] = "noreply@whuffie.example" });

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("loopback", error.Message);
    }

    [Theory]
    [InlineData("smtp.example.dk", MailSecurity.None, false, "loopback")]
    [InlineData("smtp.example.dk", MailSecurity.StartTls, true, "AcceptAnyCertificate")]
    [InlineData("", MailSecurity.StartTls, false, "Mail:Host")]
    public void Settings_that_would_weaken_security_beyond_this_machine_are_refused(string host, MailSecurity security, bool acceptAny, string problem)
    {
        var options = new MailOptions { Host = host, Security = security, AcceptAnyCertificate = acceptAny, From = "noreply@whuffie.example" };
        Assert.Contains(options.Problems(), p => p.Contains(problem));
    }

    [Fact]
    public void Loopback_settings_for_a_developer_are_accepted()
    {
        var options = new MailOptions { Host = "127.0.0.1", Security = MailSecurity.None, AcceptAnyCertificate = true, From = "noreply@whuffie.example" };
        Assert.Empty(options.Problems());
        Assert.Equal(25, options.EffectivePort);
    }

    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddMail();
        return builder.Build();
    }
}
