using Npgsql;

namespace Whuffie.ScaleOutTests.Infrastructure;

/// <summary>
/// The deployment under test: a fresh PostgreSQL database, migrated by `whuffie migrate` as an
/// operator would before rolling out, two instances of the app on it (A and B) and nginx in
/// front of both. One per test run: starting it costs a few seconds.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public const string Org = "soeborg-bibliotek";

    private string? _adminConnection;
    private string? _databaseName;
    private readonly List<IAsyncDisposable> _running = [];
    private readonly List<string> _homes = [];

    public AppProcess A { get; private set; } = null!;
    public AppProcess B { get; private set; } = null!;
    public Nginx Balancer { get; private set; } = null!;

    /// <summary>The app database's connection string, for tests that look at the rows.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The environment every process gets: what production sets, with small waits.</summary>
    public Dictionary<string, string> Settings { get; private set; } = [];

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        _ = Nginx.ExecutablePath; // a missing nginx fails before anything starts
        _adminConnection = Environment.GetEnvironmentVariable("WHUFFIE_TEST_POSTGRES") is { Length: > 0 } cs ? cs
            : throw new InvalidOperationException(
                "The scale-out tests need WHUFFIE_TEST_POSTGRES, a connection string to a PostgreSQL server where they may create a database (./test.sh starts one).");
        _databaseName = "whuffie_scaleout_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(_adminConnection))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_databaseName}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnection) { Database = _databaseName }.ToString();
        Settings = new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__Whuffie"] = ConnectionString,
            // Migrations are the operator's step before the instances start (docs/operations.md).
            ["Database__MigrateOnStartup"] = "false",
            ["Demo__SeedWhenEmpty"] = "false",
            // No mail server here: these tests look at sign-in, votes and caches, not email.
            ["Mail__DevMailbox"] = "true",
            // Behind nginx, as in production: trust its X-Forwarded-For/-Proto.
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            // An idle worker looks for jobs five times a second instead of once.
            ["Jobs__PollInterval"] = "00:00:00.2",
        };

        await AppProcess.RunCommandAsync(Settings, "migrate");
        Task<AppProcess>[] starting = [StartInstanceAsync("A"), StartInstanceAsync("B")];
        try
        {
            await AppProcess.RunCommandAsync(Settings, "org", "create", Org, "--name", "Søborg Bibliotek", "--language", "da");
            await Task.WhenAll(starting);
        }
        finally
        {
            // Whatever did start is stopped again, even when something else failed.
            foreach (var task in starting)
            {
                try { _running.Add(await task); }
                catch (Exception) when (!task.IsCompletedSuccessfully) { } // already thrown above
            }
        }
        (A, B) = (await starting[0], await starting[1]);
        Balancer = await Nginx.StartAsync([A.Url, B.Url]);
        _running.Add(Balancer);
    }

    /// <summary>
    /// Each instance gets a home folder of its own, as on separate machines: Data Protection's
    /// fallback key folder (~/.aspnet/DataProtection-Keys) would otherwise be shared and hide
    /// whether the keys really come from the database.
    /// </summary>
    private Task<AppProcess> StartInstanceAsync(string name)
    {
        var home = Directory.CreateTempSubdirectory($"whuffie-home-{name}-").FullName;
        _homes.Add(home);
        return AppProcess.StartServerAsync(name, new Dictionary<string, string>(Settings) { ["HOME"] = home });
    }

    public async Task DisposeAsync()
    {
        // WHUFFIE_SCALEOUT_LOGS=<folder> keeps the instances' console logs, to see what went wrong.
        if (Environment.GetEnvironmentVariable("WHUFFIE_SCALEOUT_LOGS") is { Length: > 0 } logs)
            foreach (var app in _running.OfType<AppProcess>())
                await File.WriteAllLinesAsync(Path.Combine(Directory.CreateDirectory(logs).FullName, $"instance-{app.Name}.log"), app.Log);
        foreach (var process in _running) await process.DisposeAsync();
        foreach (var home in _homes)
            try { Directory.Delete(home, recursive: true); } catch (IOException) { }
        if (_adminConnection is null || _databaseName is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_adminConnection);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Runs one query against the app's database ($1, $2… for the parameters) and reads each row.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    /// <summary>Confirms the visitor's address as opening the emailed link would: these instances keep email in the dev mailbox.</summary>
    public Task ConfirmAsync(Visitor visitor) =>
        QueryAsync("UPDATE \"AspNetUsers\" SET \"EmailConfirmed\" = true WHERE \"NormalizedEmail\" = $1 RETURNING 1", r => r.GetInt32(0), visitor.Email.ToUpperInvariant());

    public async Task<long> CountAsync(string sql, params object[] parameters) =>
        (await QueryAsync(sql, r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), parameters)).Single();

    /// <summary>Which instance answered a request that came through nginx ("127.0.0.1:41234").</summary>
    public string InstanceBehind(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Upstream", out var values) ? values.Single()
        : throw new InvalidOperationException("The answer did not come through nginx.");

    public IEnumerable<string> Instances => [A.Url.Authority, B.Url.Authority];
}

[CollectionDefinition(Name)]
public sealed class DeploymentCollection : ICollectionFixture<TwoInstances>
{
    public const string Name = "two instances behind nginx";
}
