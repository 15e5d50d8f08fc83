using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Whuffie.Data.Migrations;

/// <summary>Following ideas, the bell's notifications, the email outbox, and people's email settings.</summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261126000000_Notifications")]
public sealed class NotificationsTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "EmailNotifications", table: "AspNetUsers", nullable: false, defaultValue: true);
        migrationBuilder.AddColumn<string>(name: "Language", table: "AspNetUsers", maxLength: 10, nullable: true);

        migrationBuilder.CreateTable(
            name: "Follows",
            columns: table => new
            {
                IdeaId = table.Column<int>(nullable: false),
                UserId = table.Column<int>(nullable: false),
                OrganizationId = table.Column<int>(nullable: false),
                EveryComment = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Follows", x => new { x.IdeaId, x.UserId });
                table.ForeignKey("FK_Follows_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Follows_Ideas_IdeaId", x => x.IdeaId, "Ideas", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Follows_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_Follows_UserId", table: "Follows", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_Follows_OrganizationId", table: "Follows", column: "OrganizationId");

        migrationBuilder.CreateTable(
            name: "Notifications",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OrganizationId = table.Column<int>(nullable: false),
                UserId = table.Column<int>(nullable: false),
                IdeaId = table.Column<int>(nullable: false),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                EventKey = table.Column<string>(maxLength: 60, nullable: false),
                ActorName = table.Column<string>(maxLength: 60, nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: true),
                Excerpt = table.Column<string>(maxLength: 300, nullable: false),
                Credited = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ReadAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Notifications", x => x.Id);
                table.ForeignKey("FK_Notifications_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Notifications_Ideas_IdeaId", x => x.IdeaId, "Ideas", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Notifications_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_Notifications_EventKey_UserId", table: "Notifications", columns: ["EventKey", "UserId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_Notifications_UserId_CreatedAt", table: "Notifications", columns: ["UserId", "CreatedAt"]);
        migrationBuilder.CreateIndex(name: "IX_Notifications_UserId_ReadAt", table: "Notifications", columns: ["UserId", "ReadAt"]);
        migrationBuilder.CreateIndex(name: "IX_Notifications_OrganizationId", table: "Notifications", column: "OrganizationId");
        migrationBuilder.CreateIndex(name: "IX_Notifications_IdeaId", table: "Notifications", column: "IdeaId");

        migrationBuilder.CreateTable(
            name: "OutboxEmails",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OrganizationId = table.Column<int>(nullable: false),
                UserId = table.Column<int>(nullable: false),
                EventKey = table.Column<string>(maxLength: 60, nullable: false),
                ToAddress = table.Column<string>(maxLength: 256, nullable: false),
                ToName = table.Column<string>(maxLength: 60, nullable: false),
                Language = table.Column<string>(maxLength: 10, nullable: false),
                Subject = table.Column<string>(maxLength: 300, nullable: false),
                TextBody = table.Column<string>(nullable: false),
                HtmlBody = table.Column<string>(nullable: false),
                MessageId = table.Column<string>(maxLength: 200, nullable: false),
                UnsubscribeUrl = table.Column<string>(maxLength: 1000, nullable: true),
                State = table.Column<string>(maxLength: 20, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                SentAt = table.Column<DateTime>(nullable: true),
                LastError = table.Column<string>(maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OutboxEmails", x => x.Id);
                table.ForeignKey("FK_OutboxEmails_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_OutboxEmails_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_OutboxEmails_EventKey_UserId", table: "OutboxEmails", columns: ["EventKey", "UserId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_OutboxEmails_OrganizationId_State_CreatedAt", table: "OutboxEmails", columns: ["OrganizationId", "State", "CreatedAt"]);
        migrationBuilder.CreateIndex(name: "IX_OutboxEmails_UserId", table: "OutboxEmails", column: "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "OutboxEmails");
        migrationBuilder.DropTable(name: "Notifications");
        migrationBuilder.DropTable(name: "Follows");
        migrationBuilder.DropColumn(name: "Language", table: "AspNetUsers");
        migrationBuilder.DropColumn(name: "EmailNotifications", table: "AspNetUsers");
    }
}
