using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Data;

namespace Whuffie.Tests;

/// <summary>
/// The migrations are written by hand, so this is what keeps them honest: a database built
/// by the migrations must have exactly the tables, columns, types, nullability and indexes
/// that EnsureCreated builds from the model.
/// </summary>
public sealed class SchemaAgreement(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task The_migrated_schema_matches_the_model()
    {
        var migrated = await DescribeAsync(app.Database.ConnectionString);

        await using var fresh = await TestDatabase.CreateAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var options = new DbContextOptionsBuilder<WhuffieDb>();
            if (fresh.Provider == "Sqlite") options.UseSqlite(fresh.ConnectionString); else options.UseNpgsql(fresh.ConnectionString);
            await using var db = new WhuffieDb(options.Options, new Organizations.TenantContext(), TimeProvider.System);
            await db.Database.EnsureCreatedAsync();
        }
        var modelled = await DescribeAsync(fresh.ConnectionString);

        Assert.NotEmpty(modelled);
        var missing = modelled.Except(migrated).ToList();
        var extra = migrated.Except(modelled).Where(l => !l.Contains("__EFMigrations", StringComparison.Ordinal) && !IsSearchIndex(l)).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"Schema differs from the model.\nIn the model but not migrated:\n  {string.Join("\n  ", missing)}\nMigrated but not in the model:\n  {string.Join("\n  ", extra)}");
    }

    /// <summary>The search index is provider-specific SQL outside the model (Search/SearchIndex.cs); its names start with "Search".</summary>
    private static bool IsSearchIndex(string line) =>
        line.Contains(".Search", StringComparison.Ordinal) || line.StartsWith("column Search", StringComparison.Ordinal) || line.StartsWith("index Search", StringComparison.Ordinal);

    private async Task<List<string>> DescribeAsync(string connectionString)
    {
        await using var scope = app.Services.CreateAsyncScope();
        DbConnection conn = app.Database.Provider == "Sqlite"
            ? new Microsoft.Data.Sqlite.SqliteConnection(connectionString)
            : new Npgsql.NpgsqlConnection(connectionString);
        await using var _ = conn;
        await conn.OpenAsync();
        var sql = app.Database.Provider == "Sqlite"
            ? """
              SELECT 'column ' || m.name || '.' || p.name || ' ' || p.type || CASE WHEN p."notnull" THEN ' not null' ELSE ' null' END || CASE WHEN p.pk > 0 THEN ' pk' || p.pk ELSE '' END
              FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
              UNION ALL
              SELECT 'index ' || m.tbl_name || '.' || m.name || ' ' || coalesce(m.sql, '') FROM sqlite_master m WHERE m.type = 'index'
              UNION ALL
              SELECT 'fk ' || m.name || '.' || f."from" || ' -> ' || f."table" || '.' || f."to" || ' ' || f.on_delete
              FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'
              """
            : """
              SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || coalesce(' collate ' || collation_name, '') || ' ' || is_nullable || ' ' || coalesce(is_identity, '')
              FROM information_schema.columns WHERE table_schema = 'public'
              UNION ALL
              SELECT 'index ' || tablename || '.' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
              UNION ALL
              SELECT 'constraint ' || conrelid::regclass || '.' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
              """;
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        var lines = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
