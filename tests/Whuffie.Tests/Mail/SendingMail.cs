using System.Net.Sockets;
using Whuffie.Mail;

namespace Whuffie.Tests.Mail;

/// <summary>
/// <see cref="SmtpSender"/> against a real SMTP server (aiosmtpd, on loopback), with every
/// arrived message read back by Python's email package: what a mail client would show.
/// Søborg Bibliotek answers Sofie, one of its patrons.
/// </summary>
public sealed class SendingMail(SmtpServer server) : IClassFixture<SmtpServer>
{
    private static readonly Mailbox Sofie = new("sofie@example.dk", "Sofie Ærø");

    private static Email Answer(string subject = "Svar på din idé", string text = "Hej Sofie,\nvi har svaret på din idé.") =>
        new(Sofie, subject, text, $"<outbox-{Guid.NewGuid():N}@whuffie.example>");

    private SmtpSender Sender(MailSecurity security, Action<MailOptions>? change = null)
    {
        var options = server.Options(security);
        change?.Invoke(options);
        return SmtpServer.SenderFor(options);
    }

    [Fact]
    public async Task A_message_arrives_with_the_envelope_and_headers_it_was_sent_with()
    {
        var email = Answer();

        var result = await Sender(MailSecurity.None).SendAsync(email);

        Assert.True(result.Sent, result.ToString());
        var mail = await server.WaitForAsync(email.MessageId);
        Assert.Equal(SmtpServer.SenderAddress, mail.MailFrom);
        Assert.Equal(["sofie@example.dk"], mail.RcptTos);
        Assert.False(mail.Tls);
        Assert.Equal(("Whuffie", SmtpServer.SenderAddress), mail.From);
        Assert.Equal(("Sofie Ærø", "sofie@example.dk"), mail.To);
        Assert.Equal("Svar på din idé", mail.Subject);
        Assert.Equal("1.0", mail.Header("MIME-Version"));
        Assert.NotNull(mail.Header("Date"));
        Assert.Empty(mail.Defects);
    }

    [Fact]
    public async Task StartTls_and_AUTH_PLAIN_carry_the_message_encrypted_and_signed_in()
    {
        var email = Answer();

        var result = await Sender(MailSecurity.StartTls).SendAsync(email);

        Assert.True(result.Sent, result.ToString());
        var mail = await server.WaitForAsync(email.MessageId);
        Assert.True(mail.Tls);
        Assert.Equal(SmtpServer.User, mail.AuthenticatedAs);
    }

    [Fact]
    public async Task Implicit_TLS_and_AUTH_LOGIN_work_where_PLAIN_is_not_offered()
    {
        var email = Answer();

        var result = await Sender(MailSecurity.Tls, o => (o.CertificateThumbprint, o.AcceptAnyCertificate) = (null, true)).SendAsync(email);

        Assert.True(result.Sent, result.ToString());
        var mail = await server.WaitForAsync(email.MessageId);
        Assert.True(mail.Tls);
        Assert.Equal(SmtpServer.User, mail.AuthenticatedAs);
    }

    /// <summary>
    /// 535 is a 5xx reply, yet the result is transient: the password is our setting, not the
    /// message's fault, and every message would fail alike until an operator fixes it. Retrying
    /// keeps them until then (as Postfix's smtp_sasl_auth_soft_bounce does); the stage and the
    /// code say what happened.
    /// </summary>
    [Fact]
    public async Task A_wrong_password_is_a_transient_setup_failure_and_sends_nothing()
    {
        var email = Answer();

        var result = await Sender(MailSecurity.StartTls, o => o.Password = "wrong").SendAsync(email);

        Assert.Equal(SendStatus.Transient, result.Status);
        Assert.Equal(SmtpStage.Authenticate, result.Stage);
        Assert.Equal(535, result.ReplyCode);
        Assert.True(result.IsSetupFailure);
        Assert.DoesNotContain("wrong", result.Detail);
        Assert.Null(server.Find(email.MessageId));
    }

    [Fact]
    public async Task A_server_that_is_down_is_a_transient_failure()
    {
        var result = await Sender(MailSecurity.None, o => o.Port = SmtpServer.UnusedPort()).SendAsync(Answer());

        Assert.Equal(SendStatus.Transient, result.Status);
        Assert.Equal(SmtpStage.Connect, result.Stage);
        Assert.True(result.IsSetupFailure);
    }

    [Fact]
    public async Task Nothing_is_sent_unencrypted_when_STARTTLS_is_required_but_not_offered()
    {
        var email = Answer();

        var result = await Sender(MailSecurity.StartTls, o => o.Port = server.PlainPort).SendAsync(email);

        Assert.Equal(SendStatus.Transient, result.Status);
        Assert.Equal(SmtpStage.Tls, result.Stage);
        Assert.Contains("STARTTLS", result.Detail);
        Assert.Null(server.Find(email.MessageId));
    }

    [Fact]
    public async Task A_certificate_that_is_neither_valid_nor_pinned_is_refused()
    {
        var email = Answer();

        var result = await Sender(MailSecurity.StartTls, o => o.CertificateThumbprint = new string('A', 64)).SendAsync(email);

        Assert.Equal(SendStatus.Transient, result.Status);
        Assert.Equal(SmtpStage.Tls, result.Stage);
        Assert.Contains("certificate", result.Detail);
        Assert.Null(server.Find(email.MessageId));
    }

    [Fact]
    public async Task Danish_Swedish_Norwegian_and_Dutch_text_survives_in_subject_names_and_bodies()
    {
        const string subject = "Svar på din idé: længere åbningstider – även på söndagar, også før ni, één keer per week";
        const string text = "Kære Søren Ærø,\nvi har læst din idé om Ølstuen.\nHälsningar från Malmö, groeten uit Utrecht: ë ï ü ø å æ ö ä.";
        var email = new Email(new Mailbox("soren@example.dk", "Søren Ærø"), subject, text, $"<outbox-{Guid.NewGuid():N}@whuffie.example>")
        {
            From = new Mailbox("noreply@soeborg-bibliotek.dk", "Bibliotekarerne på Søborg Bibliotek"),
            HtmlBody = "<p>Kære Søren Ærø,</p><p>Hälsningar från Malmö – groeten uit Utrecht: ë ï ü.</p>",
            Language = "da",
        };

        var result = await Sender(MailSecurity.None).SendAsync(email);

        Assert.True(result.Sent, result.ToString());
        var mail = await server.WaitForAsync(email.MessageId);
        Assert.Equal(subject, mail.Subject);
        Assert.Equal(("Bibliotekarerne på Søborg Bibliotek", "noreply@soeborg-bibliotek.dk"), mail.From);
        Assert.Equal(("Søren Ærø", "soren@example.dk"), mail.To);
        Assert.Equal(text, mail.Parts[0].Content.TrimEnd('\n'));
        Assert.Equal(email.HtmlBody, mail.Parts[1].Content.TrimEnd('\n'));
        Assert.Equal("da", mail.Header("Content-Language"));
        Assert.Empty(mail.Defects);
        Assert.True(Ascii.IsValid(mail.Raw), "The message should travel as 7-bit ASCII.");
    }

    [Fact]
    public async Task Both_bodies_arrive_as_alternatives_with_the_text_first()
    {
        var email = Answer() with { HtmlBody = "<p>Hej Sofie,</p><p>vi har <strong>svaret</strong>.</p>" };

        await Sender(MailSecurity.None).SendAsync(email);

        var mail = await server.WaitForAsync(email.MessageId);
        Assert.Equal("multipart/alternative", mail.ContentType);
        Assert.Equal(2, mail.Parts.Count);
        Assert.Equal(("text/plain", "utf-8", "quoted-printable"), (mail.Parts[0].ContentType, mail.Parts[0].Charset, mail.Parts[0].TransferEncoding));
        Assert.Equal(("text/html", "utf-8", "quoted-printable"), (mail.Parts[1].ContentType, mail.Parts[1].Charset, mail.Parts[1].TransferEncoding));
        Assert.Equal(email.HtmlBody, mail.Parts[1].Content.TrimEnd('\n'));
        Assert.Empty(mail.Defects);
    }

    [Fact]
    public async Task The_Message_ID_and_one_click_unsubscribe_headers_are_as_RFC_8058_asks()
    {
        var email = Answer() with
        {
            ListUnsubscribe = new Uri("https://whuffie.example/unsubscribe/soeborg?token=Zm9v-YmFy_42"),
            Headers = new Dictionary<string, string> { ["Auto-Submitted"] = "auto-generated" },
        };

        await Sender(MailSecurity.None).SendAsync(email);

        var mail = await server.WaitForAsync(email.MessageId);
        var head = mail.RawText[..mail.RawText.IndexOf("\r\n\r\n", StringComparison.Ordinal)] + "\r\n";
        // Header names are case-insensitive (RFC 5322 §1.2.2): MimeKit writes "Message-Id".
        Assert.Contains($"\r\nmessage-id: {email.MessageId.ToLowerInvariant()}\r\n", head.ToLowerInvariant());
        Assert.Contains("\r\nList-Unsubscribe: <https://whuffie.example/unsubscribe/soeborg?token=Zm9v-YmFy_42>\r\n", head);
        Assert.Contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", head);
        Assert.Equal("auto-generated", mail.Header("Auto-Submitted"));
    }

    [Fact]
    public async Task A_body_line_that_starts_with_a_dot_survives()
    {
        const string text = ".hidden by a lazy server\n..two dots\n.\nthe line above was a lone dot";
        var email = Answer(text: text) with { HtmlBody = "<p>html</p>\n.\n.<p>dot</p>" };

        var result = await Sender(MailSecurity.None).SendAsync(email);

        Assert.True(result.Sent, result.ToString());
        var mail = await server.WaitForAsync(email.MessageId);
        Assert.Equal(text, mail.Parts[0].Content.TrimEnd('\n'));
        Assert.Equal(email.HtmlBody, mail.Parts[1].Content.TrimEnd('\n'));
    }

    [Fact]
    public async Task Twenty_messages_go_over_one_connection_and_all_arrive()
    {
        var emails = Enumerable.Range(1, 20).Select(i => Answer($"Svar nr. {i}")).ToList();

        var results = await Sender(MailSecurity.StartTls).SendBatchAsync(emails);

        Assert.All(results, r => Assert.True(r.Sent, r.ToString()));
        Assert.Equal(emails.Select(e => e.MessageId), results.Select(r => r.MessageId));
        var arrived = await Task.WhenAll(emails.Select(e => server.WaitForAsync(e.MessageId)));
        Assert.Equal(emails.Select(e => e.Subject), arrived.Select(m => m.Subject));
        Assert.Single(arrived.Select(m => m.ClientPort).Distinct());
    }

    [Fact]
    public async Task A_refused_recipient_is_permanent_a_busy_one_transient_and_the_batch_goes_on()
    {
        var emails = new[]
        {
            Answer(),
            Answer() with { To = new Mailbox("reject-me@example.dk") },
            Answer() with { To = new Mailbox("busy@example.dk") },
            Answer() with { To = new Mailbox("søren@example.dk") },
            Answer(),
        };

        var results = await Sender(MailSecurity.None).SendBatchAsync(emails);

        Assert.True(results[0].Sent, results[0].ToString());
        Assert.Equal((SendStatus.Permanent, SmtpStage.RcptTo, 550), (results[1].Status, results[1].Stage, results[1].ReplyCode));
        Assert.Equal((SendStatus.Transient, SmtpStage.RcptTo, 451), (results[2].Status, results[2].Stage, results[2].ReplyCode));
        Assert.Equal((SendStatus.Permanent, SmtpStage.Compose), (results[3].Status, results[3].Stage));
        Assert.True(results[4].Sent, results[4].ToString());
        Assert.False(results[1].IsSetupFailure);
        await server.WaitForAsync(emails[0].MessageId);
        await server.WaitForAsync(emails[4].MessageId);
        Assert.Null(server.Find(emails[1].MessageId));
    }

    [Fact]
    public async Task A_batch_cut_short_keeps_the_results_of_the_messages_already_sent()
    {
        var emails = new[] { Answer(), Answer() with { To = new Mailbox("slow@example.dk") }, Answer() };
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        var results = await Sender(MailSecurity.None).SendBatchAsync(emails, stop.Token);

        Assert.True(results[0].Sent, results[0].ToString());
        Assert.All(results.Skip(1), r => Assert.Equal(SendStatus.Transient, r.Status));
        Assert.Contains("cut short", results[1].Detail);
        await server.WaitForAsync(emails[0].MessageId);
        Assert.Null(server.Find(emails[2].MessageId));
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_as_transient()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;

        var result = await Sender(MailSecurity.None, o => (o.Port, o.CommandTimeout) = (port, TimeSpan.FromSeconds(1))).SendAsync(Answer());

        Assert.Equal(SendStatus.Transient, result.Status);
        Assert.Equal(SmtpStage.Greeting, result.Stage);
        Assert.Contains("did not answer", result.Detail);
    }
}
