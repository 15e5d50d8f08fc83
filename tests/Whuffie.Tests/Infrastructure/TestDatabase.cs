using Microsoft.Data.Sqlite;
using Npgsql;

namespace Whuffie.Tests.Infrastructure;

/// <summary>
/// The database a test class runs against. WHUFFIE_TEST_PROVIDER picks it (sqlite, the
/// default, or postgresql); for PostgreSQL, WHUFFIE_TEST_POSTGRES is a connection string
/// to a server where we may create databases (test.sh starts one). Each instance is a
/// fresh, empty database that is removed afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFolder;
    private readonly string? _pgAdmin;
    private readonly string? _pgName;

    public string Provider { get; }
    public string ConnectionString { get; }

    private TestDatabase(string provider, string connectionString, string? sqliteFolder, string? pgAdmin, string? pgName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFolder = sqliteFolder;
        _pgAdmin = pgAdmin;
        _pgName = pgName;
    }

    public static string ProviderName =>
        Environment.GetEnvironmentVariable("WHUFFIE_TEST_PROVIDER")?.ToLowerInvariant() switch
        {
            null or "" or "sqlite" => "Sqlite",
            "postgresql" or "postgres" => "PostgreSQL",
            var other => throw new InvalidOperationException($"WHUFFIE_TEST_PROVIDER is '{other}'; use sqlite or postgresql."),
        };

    public static async Task<TestDatabase> CreateAsync()
    {
        if (ProviderName == "Sqlite")
        {
            // A real file in WAL mode, as in production; not :memory:, which has no WAL and no second connection.
            var folder = Directory.CreateTempSubdirectory("whuffie-test-").FullName;
            var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "whuffie.db"), Pooling = true }.ToString();
            return new TestDatabase("Sqlite", cs, folder, null, null);
        }

        var admin = Environment.GetEnvironmentVariable("WHUFFIE_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin))
            throw new InvalidOperationException(
                "WHUFFIE_TEST_PROVIDER=postgresql needs WHUFFIE_TEST_POSTGRES, a connection string to a PostgreSQL server " +
                "(./test.sh starts one; install Debian's 'postgresql' package to run it).");
        var name = "whuffie_test_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await using var conn = new NpgsqlConnection(admin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException($"Cannot reach the test PostgreSQL server at '{admin}': {e.Message}. Run the tests through ./test.sh, which starts one.", e);
        }
        var csb = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 100 };
        return new TestDatabase("PostgreSQL", csb.ToString(), null, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFolder is not null)
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(_sqliteFolder, recursive: true); } catch (IOException) { }
        }
        if (_pgAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(_pgAdmin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgName}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
