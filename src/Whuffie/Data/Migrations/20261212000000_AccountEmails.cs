using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Whuffie.Data.Migrations;

/// <summary>The account outbox (Accounts/AccountEmail): confirmation and reset emails from the installation.</summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261212000000_AccountEmails")]
public sealed class AccountEmails : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable(
            name: "AccountEmails",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<int>(nullable: false),
                Kind = table.Column<string>(maxLength: 30, nullable: false),
                ToAddress = table.Column<string>(maxLength: 256, nullable: false),
                Language = table.Column<string>(maxLength: 10, nullable: false),
                Subject = table.Column<string>(maxLength: 300, nullable: false),
                ProtectedBody = table.Column<string>(nullable: true),
                MessageId = table.Column<string>(maxLength: 200, nullable: false),
                State = table.Column<string>(maxLength: 20, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                SentAt = table.Column<DateTime>(nullable: true),
                LastError = table.Column<string>(maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AccountEmails", x => x.Id);
                table.ForeignKey(name: "FK_AccountEmails_AspNetUsers_UserId", column: x => x.UserId,
                    principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        m.CreateIndex(name: "IX_AccountEmails_MessageId", table: "AccountEmails", column: "MessageId", unique: true);
        m.CreateIndex(name: "IX_AccountEmails_ToAddress_CreatedAt", table: "AccountEmails", columns: ["ToAddress", "CreatedAt"]);
        m.CreateIndex(name: "IX_AccountEmails_UserId", table: "AccountEmails", column: "UserId");
    }

    protected override void Down(MigrationBuilder m) => m.DropTable(name: "AccountEmails");
}
