using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Whuffie.Data.Migrations;

/// <summary>
/// The list sorts ("top", "trending") end with the idea number, which breaks ties. With the
/// number in the index the database reads a page straight off it instead of sorting every
/// idea that shares a vote count (most of them, in a big organization) in a temporary tree.
/// </summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261125000000_ListIndexes")]
public sealed class ListIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Ideas_OrganizationId_VoteCount", table: "Ideas");
        migrationBuilder.DropIndex(name: "IX_Ideas_OrganizationId_TrendScore", table: "Ideas");
        migrationBuilder.CreateIndex(name: "IX_Ideas_OrganizationId_VoteCount_Number", table: "Ideas",
            columns: ["OrganizationId", "VoteCount", "Number"]);
        migrationBuilder.CreateIndex(name: "IX_Ideas_OrganizationId_TrendScore_Number", table: "Ideas",
            columns: ["OrganizationId", "TrendScore", "Number"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Ideas_OrganizationId_VoteCount_Number", table: "Ideas");
        migrationBuilder.DropIndex(name: "IX_Ideas_OrganizationId_TrendScore_Number", table: "Ideas");
        migrationBuilder.CreateIndex(name: "IX_Ideas_OrganizationId_VoteCount", table: "Ideas", columns: ["OrganizationId", "VoteCount"]);
        migrationBuilder.CreateIndex(name: "IX_Ideas_OrganizationId_TrendScore", table: "Ideas", columns: ["OrganizationId", "TrendScore"]);
    }
}
