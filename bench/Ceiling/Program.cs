// The ceiling for the benchmarks: bare Kestrel serving one page's bytes from memory, with
// nothing between the socket and the bytes. Whuffie's figures are reported as a ratio to
// it, measured in the same run, so they compare across machines and noisy neighbours.
// Usage: ceiling <file with the page's bytes> <url>
if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: ceiling <file> <url>");
    return 2;
}
var bytes = await File.ReadAllBytesAsync(args[0]);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(args[1]);
var app = builder.Build();
app.MapGet("/", () => Results.Bytes(bytes, "text/html; charset=utf-8"));
await app.RunAsync();
return 0;
