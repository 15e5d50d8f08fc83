using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Whuffie.Data.Migrations;

/// <summary>
/// A per-address day's count of confirmation messages (NoticeSubscription.ConfirmationsSent):
/// subscriptions waiting for their opt-in start with none counted.
/// </summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261207000000_ConfirmationLimit")]
public sealed class ConfirmationLimit : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<int>(name: "ConfirmationsSent", table: "NoticeSubscriptions", nullable: false, defaultValue: 0);
        m.AddColumn<DateTime>(name: "ConfirmationsSince", table: "NoticeSubscriptions", nullable: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropColumn(name: "ConfirmationsSince", table: "NoticeSubscriptions");
        m.DropColumn(name: "ConfirmationsSent", table: "NoticeSubscriptions");
    }
}
