using System.Diagnostics;
using Npgsql;
using Whuffie.Tests.Infrastructure;

namespace Whuffie.ScaleOutTests.Infrastructure;

/// <summary>
/// What the crash tests share: a database of their own on the test server, the built app's
/// settings for it with a real SMTP server, instances started with a home each (so nothing but
/// the database carries over a restart), and SQL to set the scene and read the outcome.
/// </summary>
public abstract class CrashTest : IAsyncLifetime
{
    private readonly List<string> _homes = [];
    private string _admin = "";
    private string _database = "";

    /// <summary>The connection string of this test's database.</summary>
    protected string Connection { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        _admin = Environment.GetEnvironmentVariable("WHUFFIE_TEST_POSTGRES") is { Length: > 0 } cs ? cs
            : throw new InvalidOperationException("The scale-out tests need WHUFFIE_TEST_POSTGRES (./test.sh starts a server).");
        _database = "whuffie_crash_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(_admin, $"CREATE DATABASE \"{_database}\"");
        Connection = new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ToString();
    }

    public virtual async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
        foreach (var home in _homes) Directory.Delete(home, recursive: true);
    }

    /// <summary>Production settings on this test's database, mail to <paramref name="smtp"/>, plus <paramref name="more"/>.</summary>
    protected Dictionary<string, string> Settings(SmtpServer smtp, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__Whuffie"] = Connection,
            ["Demo__SeedWhenEmpty"] = "false",
            ["Mail__Host"] = "127.0.0.1",
            ["Mail__Port"] = smtp.PlainPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail__Security"] = "None",
            ["Mail__From"] = SmtpServer.SenderAddress,
            ["Site__Url"] = "https://whuffie.test",
        };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    protected async Task<AppProcess> StartAsync(string name, Dictionary<string, string> settings)
    {
        var home = Directory.CreateTempSubdirectory($"whuffie-home-{name}-").FullName;
        _homes.Add(home);
        return await AppProcess.StartServerAsync(name, new Dictionary<string, string>(settings) { ["HOME"] = home });
    }

    protected static async Task WaitAsync(Func<Task<bool>> done, string what, int seconds = 60, int pollMs = 20)
    {
        var waited = Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(seconds), $"Waited {seconds} s for {what}.");
            await Task.Delay(pollMs);
        }
    }

    protected Task ExecuteAsync(string sql) => ExecuteAsync(Connection, sql);

    protected async Task<long> CountAsync(string sql) => (await QueryAsync(sql, r => r.GetInt64(0))).Single();

    protected async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
