using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Whuffie.Data.Migrations;

/// <summary>Notices on every channel: notices, updates, topics, subscriptions, channel settings, webhooks, and one delivery row per message.</summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261204000000_Notices")]
public sealed class NoticesTables : Migration
{
    private static OperationBuilder<AddColumnOperation> Id<T>(ColumnsBuilder table) => table.Column<T>(nullable: false)
        .Annotation("Sqlite:Autoincrement", true)
        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("NoticeTopics", t => new
        {
            Id = Id<int>(t),
            OrganizationId = t.Column<int>(nullable: false),
            Slug = t.Column<string>(maxLength: 60, nullable: false),
            Name = t.Column<string>(maxLength: 60, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NoticeTopics", x => x.Id);
            t.ForeignKey("FK_NoticeTopics_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_NoticeTopics_OrganizationId_Slug", "NoticeTopics", ["OrganizationId", "Slug"], unique: true);

        m.CreateTable("Notices", t => new
        {
            Id = Id<int>(t),
            OrganizationId = t.Column<int>(nullable: false),
            Title = t.Column<string>(maxLength: 140, nullable: false),
            Severity = t.Column<string>(maxLength: 20, nullable: false),
            StartsAt = t.Column<DateTime>(nullable: false),
            ExpectedEndAt = t.Column<DateTime>(nullable: true),
            ResolvedAt = t.Column<DateTime>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            AuthorId = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Notices", x => x.Id);
            t.ForeignKey("FK_Notices_AspNetUsers_AuthorId", x => x.AuthorId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Notices_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Notices_AuthorId", "Notices", "AuthorId");
        m.CreateIndex("IX_Notices_OrganizationId_ResolvedAt", "Notices", ["OrganizationId", "ResolvedAt"]);

        m.CreateTable("NoticeUpdates", t => new
        {
            Id = Id<long>(t),
            OrganizationId = t.Column<int>(nullable: false),
            NoticeId = t.Column<int>(nullable: false),
            Body = t.Column<string>(maxLength: 5000, nullable: false),
            Resolves = t.Column<bool>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            AuthorId = t.Column<int>(nullable: false),
            MastodonStatusId = t.Column<string>(maxLength: 100, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NoticeUpdates", x => x.Id);
            t.ForeignKey("FK_NoticeUpdates_AspNetUsers_AuthorId", x => x.AuthorId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_NoticeUpdates_Notices_NoticeId", x => x.NoticeId, "Notices", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_NoticeUpdates_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_NoticeUpdates_AuthorId", "NoticeUpdates", "AuthorId");
        m.CreateIndex("IX_NoticeUpdates_NoticeId", "NoticeUpdates", "NoticeId");
        m.CreateIndex("IX_NoticeUpdates_OrganizationId", "NoticeUpdates", "OrganizationId");

        m.CreateTable("NoticeTopicLinks", t => new
        {
            NoticeId = t.Column<int>(nullable: false),
            TopicId = t.Column<int>(nullable: false),
            OrganizationId = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NoticeTopicLinks", x => new { x.NoticeId, x.TopicId });
            t.ForeignKey("FK_NoticeTopicLinks_NoticeTopics_TopicId", x => x.TopicId, "NoticeTopics", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_NoticeTopicLinks_Notices_NoticeId", x => x.NoticeId, "Notices", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_NoticeTopicLinks_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_NoticeTopicLinks_OrganizationId", "NoticeTopicLinks", "OrganizationId");
        m.CreateIndex("IX_NoticeTopicLinks_TopicId", "NoticeTopicLinks", "TopicId");

        m.CreateTable("NoticeSubscriptions", t => new
        {
            Id = Id<long>(t),
            OrganizationId = t.Column<int>(nullable: false),
            Channel = t.Column<string>(maxLength: 20, nullable: false),
            Address = t.Column<string>(maxLength: 1000, nullable: false),
            P256dh = t.Column<string>(maxLength: 200, nullable: true),
            Auth = t.Column<string>(maxLength: 100, nullable: true),
            Language = t.Column<string>(maxLength: 10, nullable: false),
            AllTopics = t.Column<bool>(nullable: false),
            UserId = t.Column<int>(nullable: true),
            Token = t.Column<string>(maxLength: 64, nullable: false),
            CodeHash = t.Column<string>(maxLength: 64, nullable: true),
            CodeAttempts = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            ConfirmedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NoticeSubscriptions", x => x.Id);
            t.ForeignKey("FK_NoticeSubscriptions_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_NoticeSubscriptions_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_NoticeSubscriptions_OrganizationId_Channel_Address", "NoticeSubscriptions", ["OrganizationId", "Channel", "Address"], unique: true);
        m.CreateIndex("IX_NoticeSubscriptions_Token", "NoticeSubscriptions", "Token", unique: true);
        m.CreateIndex("IX_NoticeSubscriptions_UserId", "NoticeSubscriptions", "UserId");

        m.CreateTable("SubscriptionTopics", t => new
        {
            SubscriptionId = t.Column<long>(nullable: false),
            TopicId = t.Column<int>(nullable: false),
            OrganizationId = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SubscriptionTopics", x => new { x.SubscriptionId, x.TopicId });
            t.ForeignKey("FK_SubscriptionTopics_NoticeSubscriptions_SubscriptionId", x => x.SubscriptionId, "NoticeSubscriptions", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_SubscriptionTopics_NoticeTopics_TopicId", x => x.TopicId, "NoticeTopics", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_SubscriptionTopics_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_SubscriptionTopics_OrganizationId", "SubscriptionTopics", "OrganizationId");
        m.CreateIndex("IX_SubscriptionTopics_TopicId", "SubscriptionTopics", "TopicId");

        m.CreateTable("ChannelSettings", t => new
        {
            OrganizationId = t.Column<int>(nullable: false),
            MastodonUrl = t.Column<string>(maxLength: 500, nullable: true),
            MastodonToken = t.Column<string>(nullable: true),
            SmsUrl = t.Column<string>(maxLength: 500, nullable: true),
            SmsAuthHeader = t.Column<string>(nullable: true),
            SmsBodyTemplate = t.Column<string>(maxLength: 2000, nullable: true),
            WebSubHub = t.Column<string>(maxLength: 500, nullable: true),
            VapidPublicKey = t.Column<string>(maxLength: 200, nullable: true),
            VapidPrivateKey = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ChannelSettings", x => x.OrganizationId);
            t.ForeignKey("FK_ChannelSettings_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("Webhooks", t => new
        {
            Id = Id<int>(t),
            OrganizationId = t.Column<int>(nullable: false),
            Url = t.Column<string>(maxLength: 500, nullable: false),
            Secret = t.Column<string>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Webhooks", x => x.Id);
            t.ForeignKey("FK_Webhooks_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Webhooks_OrganizationId", "Webhooks", "OrganizationId");

        var bytewise = m.IsNpgsql() ? "C" : null;
        m.CreateTable("Deliveries", t => new
        {
            Id = Id<long>(t),
            OrganizationId = t.Column<int>(nullable: false),
            Channel = t.Column<string>(maxLength: 20, nullable: false, collation: bytewise),
            Kind = t.Column<string>(maxLength: 20, nullable: false, collation: bytewise),
            NoticeUpdateId = t.Column<long>(nullable: true),
            SubscriptionId = t.Column<long>(nullable: true),
            WebhookId = t.Column<int>(nullable: true),
            Payload = t.Column<string>(maxLength: 4000, nullable: true),
            State = t.Column<string>(maxLength: 20, nullable: false, collation: bytewise),
            Attempts = t.Column<int>(nullable: false),
            DueAt = t.Column<DateTime>(nullable: true),
            LeasedBy = t.Column<string>(maxLength: 200, nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            SentAt = t.Column<DateTime>(nullable: true),
            Response = t.Column<string>(maxLength: 1000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Deliveries", x => x.Id);
        });
        m.CreateIndex("IX_Deliveries_Channel_DueAt", "Deliveries", ["Channel", "DueAt"], filter: WhuffieDb.QueuedFilter);
        // See WhuffieDb.Notices.cs: byte order and a BRIN report index on PostgreSQL, for the fan-out's speed.
        if (m.IsNpgsql())
            m.CreateIndex("IX_Deliveries_NoticeUpdateId", "Deliveries", "NoticeUpdateId").Annotation("Npgsql:IndexMethod", "brin");
        else
            m.CreateIndex("IX_Deliveries_NoticeUpdateId_Channel_State", "Deliveries", ["NoticeUpdateId", "Channel", "State"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "Deliveries", "Webhooks", "ChannelSettings", "SubscriptionTopics", "NoticeSubscriptions", "NoticeTopicLinks", "NoticeUpdates", "Notices", "NoticeTopics" })
            m.DropTable(table);
    }
}
