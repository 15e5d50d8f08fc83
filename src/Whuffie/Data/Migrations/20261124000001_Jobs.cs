using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Whuffie.Data.Migrations;

/// <summary>The outbox of background work that workers claim with leases (see Background/JobQueue).</summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261124000001_Jobs")]
public sealed class JobsTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Jobs",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Kind = table.Column<string>(maxLength: 100, nullable: false),
                Payload = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                DueAt = table.Column<DateTime>(nullable: true),
                Attempts = table.Column<int>(nullable: false),
                LeasedBy = table.Column<string>(maxLength: 200, nullable: true),
                CompletedAt = table.Column<DateTime>(nullable: true),
                LastError = table.Column<string>(maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Jobs", x => x.Id);
            });

        migrationBuilder.CreateIndex(name: "IX_Jobs_DueAt", table: "Jobs", column: "DueAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Jobs");
    }
}
