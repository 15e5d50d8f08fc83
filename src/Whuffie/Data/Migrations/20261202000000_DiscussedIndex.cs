using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Whuffie.Data.Migrations;

/// <summary>
/// The "most discussed" sort (comment count, then number) gets its own index, like "top" and
/// "trending" (see <see cref="ListIndexes"/>), so a page is read off the index at any depth
/// instead of sorting every idea of the organization.
/// </summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261202000000_DiscussedIndex")]
public sealed class DiscussedIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex(name: "IX_Ideas_OrganizationId_CommentCount_Number", table: "Ideas",
            columns: ["OrganizationId", "CommentCount", "Number"]);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex(name: "IX_Ideas_OrganizationId_CommentCount_Number", table: "Ideas");
}
