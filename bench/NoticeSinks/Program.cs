// The local receivers for the notices benchmark, and their ceiling: an SMTP server and a push
// service that take every message and only count it, so what is measured is Whuffie's side.
//   noticesinks serve <control url>          SMTP and push sinks; GET /stats, POST /reset on the control url
//   noticesinks blast-smtp <port> <n> <conns> the SMTP sink alone, as fast as a bare client can send
//   noticesinks blast-push <url> <n> <par>    the push sink alone, as fast as a bare HTTP client can post
//   noticesinks browser-keys                  a browser's push keys (P-256 public key, auth secret) for the subscriptions
using System.Buffers.Text;
using System.Security.Cryptography;
using Whuffie.Bench.NoticeSinks;

return args switch
{
    ["serve", var control] => await Sinks.ServeAsync(control),
    ["blast-smtp", var port, var n, var conns] => await Blast.SmtpAsync(int.Parse(port), int.Parse(n), int.Parse(conns)),
    ["blast-push", var url, var n, var parallel] => await Blast.PushAsync(url, int.Parse(n), int.Parse(parallel)),
    ["browser-keys"] => BrowserKeys(),
    _ => Usage(),
};

static int BrowserKeys()
{
    using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
    var q = key.ExportParameters(false).Q;
    Console.WriteLine($"{Base64Url.EncodeToString([4, .. q.X!, .. q.Y!])} {Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16))}");
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("Usage: noticesinks serve <url> | blast-smtp <port> <n> <connections> | blast-push <url> <n> <parallel>");
    return 2;
}
