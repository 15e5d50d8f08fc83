using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Whuffie.Data.Migrations;

/// <summary>An organization's logo, accent colour and welcome text, for its pages.</summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261123000000_Branding")]
public sealed class Branding : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "LogoUrl", table: "Organizations", maxLength: 500, nullable: true);
        migrationBuilder.AddColumn<string>(name: "AccentColor", table: "Organizations", maxLength: 7, nullable: true);
        migrationBuilder.AddColumn<string>(name: "WelcomeText", table: "Organizations", maxLength: 2000, nullable: true);
        migrationBuilder.AddColumn<string>(name: "WelcomeHtml", table: "Organizations", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "WelcomeHtml", table: "Organizations");
        migrationBuilder.DropColumn(name: "WelcomeText", table: "Organizations");
        migrationBuilder.DropColumn(name: "AccentColor", table: "Organizations");
        migrationBuilder.DropColumn(name: "LogoUrl", table: "Organizations");
    }
}
