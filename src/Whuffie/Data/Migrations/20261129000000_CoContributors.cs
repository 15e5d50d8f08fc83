using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Whuffie.Data.Migrations;

/// <summary>Credit beyond the author: co-contributors staff add, and what a launch is named after.</summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261129000000_CoContributors")]
public sealed class CoContributorsTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "NamedAfter", table: "Ideas", maxLength: 200, nullable: true);
        migrationBuilder.CreateTable(
            name: "CoContributors",
            columns: table => new
            {
                IdeaId = table.Column<int>(nullable: false),
                UserId = table.Column<int>(nullable: false),
                OrganizationId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CoContributors", x => new { x.IdeaId, x.UserId });
                table.ForeignKey("FK_CoContributors_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_CoContributors_Ideas_IdeaId", x => x.IdeaId, "Ideas", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_CoContributors_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_CoContributors_UserId", table: "CoContributors", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_CoContributors_OrganizationId", table: "CoContributors", column: "OrganizationId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "CoContributors");
        migrationBuilder.DropColumn(name: "NamedAfter", table: "Ideas");
    }
}
