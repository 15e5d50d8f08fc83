using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Whuffie.Data.Migrations;

/// <summary>
/// Fan-out cursors (Notices/Delivery.cs, FanOut): a publish writes its delivery rows without a
/// DueAt, out of the queue index, and the workers claim them through these. Rows already queued
/// keep their DueAt and are claimed as before, so nothing is migrated.
/// </summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261206000000_FanOuts")]
public sealed class FanOuts : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("FanOuts", t => new
        {
            NoticeUpdateId = t.Column<long>(nullable: false),
            Channel = t.Column<string>(maxLength: 20, nullable: false, collation: m.IsNpgsql() ? "C" : null),
            NextId = t.Column<long>(nullable: false),
            LastId = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_FanOuts", x => new { x.NoticeUpdateId, x.Channel }));
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("FanOuts");
}
