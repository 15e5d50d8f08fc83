using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Whuffie.Data.Migrations;

/// <summary>Emailed sign-in links and codes (Accounts/SignInCode), kept as hashes only.</summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261213000000_SignInCodes")]
public sealed class SignInCodes : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable(
            name: "SignInCodes",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<int>(nullable: false),
                LinkHash = table.Column<byte[]>(nullable: false),
                Salt = table.Column<byte[]>(nullable: false),
                CodeHash = table.Column<byte[]>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                UsedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SignInCodes", x => x.Id);
                table.ForeignKey(name: "FK_SignInCodes_AspNetUsers_UserId", column: x => x.UserId,
                    principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        m.CreateIndex(name: "IX_SignInCodes_LinkHash", table: "SignInCodes", column: "LinkHash", unique: true);
        m.CreateIndex(name: "IX_SignInCodes_UserId", table: "SignInCodes", column: "UserId");
    }

    protected override void Down(MigrationBuilder m) => m.DropTable(name: "SignInCodes");
}
