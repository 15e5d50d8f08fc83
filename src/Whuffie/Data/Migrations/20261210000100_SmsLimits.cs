using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Whuffie.Data.Migrations;

/// <summary>
/// Where an organization's texts may go and how many confirmation texts it sends a day
/// (ChannelSettings.SmsCountries, SmsTextsPerDay; both null: the defaults), and the index that
/// counts those texts. Existing organizations get their own country only, as new ones do.
/// </summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261210000100_SmsLimits")]
public sealed class SmsLimits : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>(name: "SmsCountries", table: "ChannelSettings", maxLength: 100, nullable: true);
        m.AddColumn<int>(name: "SmsTextsPerDay", table: "ChannelSettings", nullable: true);
        m.CreateIndex("IX_Deliveries_OrganizationId_Channel_CreatedAt", "Deliveries", ["OrganizationId", "Channel", "CreatedAt"], filter: WhuffieDb.AskedFilter);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropIndex("IX_Deliveries_OrganizationId_Channel_CreatedAt", "Deliveries");
        m.DropColumn(name: "SmsTextsPerDay", table: "ChannelSettings");
        m.DropColumn(name: "SmsCountries", table: "ChannelSettings");
    }
}
