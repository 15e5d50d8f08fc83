using System.Runtime.ExceptionServices;
using MailKit;

namespace Whuffie.Mail;

/// <summary>
/// The hook that decision 003 needs, on MailKit's public progress report. MailKit measures the
/// message (totalSize, before dot-stuffing) whenever progress is asked for, writes it through a
/// counting stream into its output buffer, reporting after each write, then flushes and only then
/// writes ".\r\n" (SmtpClient.MessageDataAsync in MailKit 4.18). The count passes totalSize on the
/// write that ends the message, or a write earlier by the dots it stuffed, never after the last:
/// so the action runs once, before the final dot, with at most the last buffer of data unflushed.
/// </summary>
internal sealed class BeforeFinalDot(Action action) : ITransferProgress
{
    public bool Fired { get; private set; }

    /// <summary>The action's own exception, kept apart from the mail errors it is thrown among.</summary>
    public ExceptionDispatchInfo? Failure { get; private set; }

    public void Report(long bytesTransferred, long totalSize)
    {
        if (Fired || bytesTransferred < totalSize) return;
        Fired = true;
        try
        {
            action();
        }
        catch (Exception e)
        {
            Failure = ExceptionDispatchInfo.Capture(e);
            throw;
        }
    }

    public void Report(long bytesTransferred)
    {
    }
}
