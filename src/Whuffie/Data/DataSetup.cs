using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Whuffie.Organizations;

namespace Whuffie.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

public static class DataSetup
{
    public const string DefaultSqliteConnection = "Data Source=data/whuffie.db";

    /// <summary>Chooses SQLite (the embedded default) or PostgreSQL from Database:Provider.</summary>
    public static void AddWhuffieData(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Organizations.OrganizationDirectory>();
        builder.Services.AddSingleton<Categories.CategoryCache>();
        var config = builder.Configuration;
        var provider = config.ChosenProvider();
        var connectionString = config.GetConnectionString("Whuffie");
        if (provider == DatabaseProvider.PostgreSQL && string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                "Database:Provider is PostgreSQL but ConnectionStrings:Whuffie is empty, e.g. 'Host=localhost;Database=whuffie;Username=whuffie;Password=…'.");

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<TenantContext>();
        // Worked out once: the options callback runs for every request's context.
        var postgresConnection = provider == DatabaseProvider.PostgreSQL ? PreparePostgres(connectionString!) : null;
        if (provider == DatabaseProvider.Sqlite)
            connectionString = PrepareSqlite(connectionString ?? DefaultSqliteConnection, builder.Environment.ContentRootPath);
        builder.Services.AddDbContext<WhuffieDb>(options =>
        {
            if (provider == DatabaseProvider.PostgreSQL)
                options.UseNpgsql(postgresConnection);
            else
                options.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance);

            // Migrations are written by hand and have no model snapshot; the schema-agreement
            // test is what proves the model and the migrations match.
            options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });
    }

    /// <summary>Database:Provider, read the same way by everything that depends on it.</summary>
    public static DatabaseProvider ChosenProvider(this IConfiguration config)
    {
        var name = config["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        return Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider is '{name}'; use 'Sqlite' (the default) or 'PostgreSQL'.");
    }

    /// <summary>
    /// Applies the migrations (and, for SQLite, switches the file to WAL once), then makes sure
    /// the shared Data Protection key ring has a key.
    /// </summary>
    public static async Task MigrateAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
            await db.Database.MigrateAsync(ct);
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                // Without statistics SQLite guesses that "this organization" is selective and scans
                // every vote of it where an author's ideas and their votes were a few index steps
                // (40× on the benchmark data). optimize analyses the tables whose size changed a lot,
                // sampling at most 1,000 rows per index, so it takes milliseconds even when large.
                await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;", ct);
            }
            await Search.SearchIndex.CatchUpAsync(db, ct);
        }
        SharedKeys.EnsureKey(services);
    }

    /// <summary>
    /// Lets Npgsql prepare the statements a connection runs again and again (the list, the vote),
    /// so PostgreSQL parses and plans them once per connection instead of on every request. An
    /// explicit "Max Auto Prepare" in the connection string wins (0 turns it off, as a
    /// transaction-pooling PgBouncer needs).
    /// </summary>
    private static string PreparePostgres(string connectionString)
    {
        var csb = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) csb.MaxAutoPrepare = 50;
        return csb.ToString();
    }

    /// <summary>Makes a relative SQLite path relative to the content root and creates its folder.</summary>
    private static string PrepareSqlite(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is { Length: > 0 } path && path != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            if (!Path.IsPathRooted(path)) csb.DataSource = path = Path.Combine(contentRoot, path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        return csb.ToString();
    }

    /// <summary>
    /// Per-connection settings: NORMAL sync is safe with WAL and much faster; the busy timeout
    /// lets a writer wait for the lock instead of failing. (EF already turns foreign keys on.)
    /// They last as long as the native connection, which the pool keeps across many opens, so
    /// they are sent once per native connection, not on every open (two statements per query).
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();
        private const string Sql = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";
        private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Prepared = [];
        private static readonly object Done = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (!FirstOpen(connection)) return;
            using var cmd = connection.CreateCommand();
            cmd.CommandText = Sql;
            cmd.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (!FirstOpen(connection)) return;
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = Sql;
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }

        private static bool FirstOpen(DbConnection connection) =>
            connection is not SqliteConnection { Handle: { } handle } || Prepared.TryAdd(handle, Done);
    }
}
