using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Whuffie.Data.Migrations;

/// <summary>"Did it help?": one answer per person and launched idea; and each organization's target for a first answer.</summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261127000000_HelpAnswers")]
public sealed class HelpAnswersTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "ResponseTargetDays", table: "Organizations", nullable: false, defaultValue: 7);

        migrationBuilder.CreateTable(
            name: "HelpAnswers",
            columns: table => new
            {
                IdeaId = table.Column<int>(nullable: false),
                UserId = table.Column<int>(nullable: false),
                OrganizationId = table.Column<int>(nullable: false),
                Answer = table.Column<string>(maxLength: 10, nullable: false),
                Comment = table.Column<string>(maxLength: 1000, nullable: false),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_HelpAnswers", x => new { x.IdeaId, x.UserId });
                table.ForeignKey("FK_HelpAnswers_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_HelpAnswers_Ideas_IdeaId", x => x.IdeaId, "Ideas", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_HelpAnswers_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_HelpAnswers_UserId", table: "HelpAnswers", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_HelpAnswers_OrganizationId", table: "HelpAnswers", column: "OrganizationId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "HelpAnswers");
        migrationBuilder.DropColumn(name: "ResponseTargetDays", table: "Organizations");
    }
}
