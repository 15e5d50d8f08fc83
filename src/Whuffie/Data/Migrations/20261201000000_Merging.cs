using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Whuffie.Data.Migrations;

/// <summary>
/// Merging duplicates: follows carried over from a duplicate (so an undo takes exactly those back),
/// and timeline entries on the original that tell of a merge or of its undoing.
/// </summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261201000000_Merging")]
public sealed class Merging : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "FromIdeaId", table: "Follows", nullable: true);
        migrationBuilder.AddColumn<int>(name: "MergedNumber", table: "StatusChanges", nullable: true);
        migrationBuilder.AddColumn<int>(name: "SplitNumber", table: "StatusChanges", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "SplitNumber", table: "StatusChanges");
        migrationBuilder.DropColumn(name: "MergedNumber", table: "StatusChanges");
        migrationBuilder.DropColumn(name: "FromIdeaId", table: "Follows");
    }
}
