using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Whuffie.Data.Migrations;

/// <summary>An organization's time zone (Organizations/Zones.cs): existing ones keep the default of their main language.</summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261209000000_OrganizationTimeZone")]
public sealed class OrganizationTimeZone : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.AddColumn<string>(name: "TimeZone", table: "Organizations", maxLength: 64, nullable: true);

    protected override void Down(MigrationBuilder m) => m.DropColumn(name: "TimeZone", table: "Organizations");
}
