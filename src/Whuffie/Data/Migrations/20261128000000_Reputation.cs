using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Whuffie.Data.Migrations;

/// <summary>
/// Whuffie: staff-granted trust per membership, staff's "helpful" mark on comments, and each
/// person's choice to appear on leaderboards. Scores themselves are computed, not stored.
/// </summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261128000000_Reputation")]
public sealed class ReputationColumns : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "Trusted", table: "Memberships", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<bool>(name: "MarkedHelpful", table: "Comments", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<bool>(name: "ShowOnLeaderboard", table: "AspNetUsers", nullable: false, defaultValue: false);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "ShowOnLeaderboard", table: "AspNetUsers");
        migrationBuilder.DropColumn(name: "MarkedHelpful", table: "Comments");
        migrationBuilder.DropColumn(name: "Trusted", table: "Memberships");
    }
}
