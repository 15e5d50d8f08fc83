using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Whuffie.Data.Migrations;

/// <summary>
/// Idea events on webhooks: a webhook may choose its event types (null keeps all), and a
/// delivery's payload loses its 4,000-character bound, since an idea event carries the public
/// answer (up to 5,000 characters, more once escaped in JSON). SQLite never enforced the bound
/// and its column type stays TEXT, so only PostgreSQL's column changes: no table rebuild.
/// </summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261205000000_WebhookEvents")]
public sealed class WebhookEvents : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Events", table: "Webhooks", maxLength: 200, nullable: true);
        if (migrationBuilder.IsNpgsql())
            migrationBuilder.AlterColumn<string>(name: "Payload", table: "Deliveries", nullable: true, oldMaxLength: 4000, oldNullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "Events", table: "Webhooks");
        if (migrationBuilder.IsNpgsql())
            migrationBuilder.AlterColumn<string>(name: "Payload", table: "Deliveries", maxLength: 4000, nullable: true, oldNullable: true);
    }
}
