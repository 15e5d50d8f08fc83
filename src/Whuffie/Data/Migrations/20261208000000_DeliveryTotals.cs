using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Whuffie.Data.Migrations;

/// <summary>The counts that sent deliveries leave behind when the daily job prunes their rows (Notices/PruneDeliveriesJob.cs).</summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261208000000_DeliveryTotals")]
public sealed class DeliveryTotals : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("DeliveryTotals", t => new
        {
            NoticeUpdateId = t.Column<long>(nullable: false),
            Channel = t.Column<string>(maxLength: 20, nullable: false),
            State = t.Column<string>(maxLength: 20, nullable: false),
            OrganizationId = t.Column<int>(nullable: false),
            Count = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_DeliveryTotals", x => new { x.NoticeUpdateId, x.Channel, x.State }));
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("DeliveryTotals");
}
