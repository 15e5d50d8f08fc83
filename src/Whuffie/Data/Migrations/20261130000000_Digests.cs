using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Whuffie.Data.Migrations;

/// <summary>A daily digest instead of an email per event: the person's choice, and which news a digest still owes.</summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261130000000_Digests")]
public sealed class Digests : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "EmailDigest", table: "AspNetUsers", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<DateTime>(name: "DigestedAt", table: "Notifications", nullable: true);
        // News from before digests existed is owed to nobody.
        migrationBuilder.Sql("""UPDATE "Notifications" SET "DigestedAt" = "CreatedAt" """);
        migrationBuilder.CreateIndex(name: "IX_Notifications_DigestedAt", table: "Notifications", column: "DigestedAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Notifications_DigestedAt", table: "Notifications");
        migrationBuilder.DropColumn(name: "DigestedAt", table: "Notifications");
        migrationBuilder.DropColumn(name: "EmailDigest", table: "AspNetUsers");
    }
}
