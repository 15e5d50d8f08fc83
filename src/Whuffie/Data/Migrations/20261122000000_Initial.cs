using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Whuffie.Data.Migrations;

/// <summary>
/// The first schema. Hand-written (dotnet-ef cannot be restored here), one migration for
/// both providers: columns name no store type, so SQLite and PostgreSQL each pick their
/// own from the CLR type and length, and identity columns carry both providers'
/// annotations. SchemaAgreementTests proves the result equals what the model would create.
/// </summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AspNetUsers",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                DisplayName = table.Column<string>(maxLength: 60, nullable: false),
                IsPlatformAdmin = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UserName = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedUserName = table.Column<string>(maxLength: 256, nullable: true),
                Email = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedEmail = table.Column<string>(maxLength: 256, nullable: true),
                EmailConfirmed = table.Column<bool>(nullable: false),
                PasswordHash = table.Column<string>(nullable: true),
                SecurityStamp = table.Column<string>(nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
                PhoneNumber = table.Column<string>(nullable: true),
                PhoneNumberConfirmed = table.Column<bool>(nullable: false),
                TwoFactorEnabled = table.Column<bool>(nullable: false),
                LockoutEnd = table.Column<DateTimeOffset>(nullable: true),
                LockoutEnabled = table.Column<bool>(nullable: false),
                AccessFailedCount = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUsers", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Organizations",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Slug = table.Column<string>(maxLength: 40, nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                DefaultLanguage = table.Column<string>(maxLength: 10, nullable: false),
                LastIdeaNumber = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Organizations", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<int>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                table.ForeignKey(
                    name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserLogins",
            columns: table => new
            {
                LoginProvider = table.Column<string>(nullable: false),
                ProviderKey = table.Column<string>(nullable: false),
                ProviderDisplayName = table.Column<string>(nullable: true),
                UserId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                table.ForeignKey(
                    name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserTokens",
            columns: table => new
            {
                UserId = table.Column<int>(nullable: false),
                LoginProvider = table.Column<string>(nullable: false),
                Name = table.Column<string>(nullable: false),
                Value = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                table.ForeignKey(
                    name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Categories",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OrganizationId = table.Column<int>(nullable: false),
                Slug = table.Column<string>(maxLength: 40, nullable: false),
                Name = table.Column<string>(maxLength: 60, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Categories", x => x.Id);
                table.ForeignKey(
                    name: "FK_Categories_Organizations_OrganizationId",
                    column: x => x.OrganizationId,
                    principalTable: "Organizations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Memberships",
            columns: table => new
            {
                OrganizationId = table.Column<int>(nullable: false),
                UserId = table.Column<int>(nullable: false),
                Role = table.Column<int>(nullable: false),
                JoinedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Memberships", x => new { x.OrganizationId, x.UserId });
                table.ForeignKey(
                    name: "FK_Memberships_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Memberships_Organizations_OrganizationId",
                    column: x => x.OrganizationId,
                    principalTable: "Organizations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Ideas",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OrganizationId = table.Column<int>(nullable: false),
                Number = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 140, nullable: false),
                Body = table.Column<string>(maxLength: 10000, nullable: false),
                BodyHtml = table.Column<string>(nullable: false),
                CategoryId = table.Column<int>(nullable: true),
                AuthorId = table.Column<int>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                DuplicateOfId = table.Column<int>(nullable: true),
                VoteCount = table.Column<int>(nullable: false),
                CommentCount = table.Column<int>(nullable: false),
                TrendScore = table.Column<double>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Ideas", x => x.Id);
                table.ForeignKey(
                    name: "FK_Ideas_AspNetUsers_AuthorId",
                    column: x => x.AuthorId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Ideas_Categories_CategoryId",
                    column: x => x.CategoryId,
                    principalTable: "Categories",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_Ideas_Ideas_DuplicateOfId",
                    column: x => x.DuplicateOfId,
                    principalTable: "Ideas",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Ideas_Organizations_OrganizationId",
                    column: x => x.OrganizationId,
                    principalTable: "Organizations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Comments",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OrganizationId = table.Column<int>(nullable: false),
                IdeaId = table.Column<int>(nullable: false),
                AuthorId = table.Column<int>(nullable: false),
                Body = table.Column<string>(maxLength: 5000, nullable: false),
                BodyHtml = table.Column<string>(nullable: false),
                IsStaff = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Comments", x => x.Id);
                table.ForeignKey(
                    name: "FK_Comments_AspNetUsers_AuthorId",
                    column: x => x.AuthorId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Comments_Ideas_IdeaId",
                    column: x => x.IdeaId,
                    principalTable: "Ideas",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Comments_Organizations_OrganizationId",
                    column: x => x.OrganizationId,
                    principalTable: "Organizations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "StatusChanges",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OrganizationId = table.Column<int>(nullable: false),
                IdeaId = table.Column<int>(nullable: false),
                ActorId = table.Column<int>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                From = table.Column<string>(maxLength: 20, nullable: false),
                To = table.Column<string>(maxLength: 20, nullable: false),
                Answer = table.Column<string>(maxLength: 5000, nullable: false),
                AnswerHtml = table.Column<string>(nullable: false),
                DuplicateOfNumber = table.Column<int>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_StatusChanges", x => x.Id);
                table.ForeignKey(
                    name: "FK_StatusChanges_AspNetUsers_ActorId",
                    column: x => x.ActorId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_StatusChanges_Ideas_IdeaId",
                    column: x => x.IdeaId,
                    principalTable: "Ideas",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_StatusChanges_Organizations_OrganizationId",
                    column: x => x.OrganizationId,
                    principalTable: "Organizations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Votes",
            columns: table => new
            {
                IdeaId = table.Column<int>(nullable: false),
                UserId = table.Column<int>(nullable: false),
                OrganizationId = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                FromIdeaId = table.Column<int>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Votes", x => new { x.IdeaId, x.UserId });
                table.ForeignKey(
                    name: "FK_Votes_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Votes_Ideas_IdeaId",
                    column: x => x.IdeaId,
                    principalTable: "Ideas",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Votes_Organizations_OrganizationId",
                    column: x => x.OrganizationId,
                    principalTable: "Organizations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUserClaims_UserId",
            table: "AspNetUserClaims",
            column: "UserId");

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUserLogins_UserId",
            table: "AspNetUserLogins",
            column: "UserId");

        migrationBuilder.CreateIndex(
            name: "EmailIndex",
            table: "AspNetUsers",
            column: "NormalizedEmail");

        migrationBuilder.CreateIndex(
            name: "UserNameIndex",
            table: "AspNetUsers",
            column: "NormalizedUserName",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Categories_OrganizationId_Slug",
            table: "Categories",
            columns: new[] { "OrganizationId", "Slug" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Comments_AuthorId",
            table: "Comments",
            column: "AuthorId");

        migrationBuilder.CreateIndex(
            name: "IX_Comments_IdeaId_CreatedAt",
            table: "Comments",
            columns: new[] { "IdeaId", "CreatedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Comments_OrganizationId",
            table: "Comments",
            column: "OrganizationId");

        migrationBuilder.CreateIndex(
            name: "IX_Ideas_AuthorId",
            table: "Ideas",
            column: "AuthorId");

        migrationBuilder.CreateIndex(
            name: "IX_Ideas_CategoryId",
            table: "Ideas",
            column: "CategoryId");

        migrationBuilder.CreateIndex(
            name: "IX_Ideas_DuplicateOfId",
            table: "Ideas",
            column: "DuplicateOfId");

        migrationBuilder.CreateIndex(
            name: "IX_Ideas_OrganizationId_Number",
            table: "Ideas",
            columns: new[] { "OrganizationId", "Number" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Ideas_OrganizationId_Status",
            table: "Ideas",
            columns: new[] { "OrganizationId", "Status" });

        migrationBuilder.CreateIndex(
            name: "IX_Ideas_OrganizationId_TrendScore",
            table: "Ideas",
            columns: new[] { "OrganizationId", "TrendScore" });

        migrationBuilder.CreateIndex(
            name: "IX_Ideas_OrganizationId_VoteCount",
            table: "Ideas",
            columns: new[] { "OrganizationId", "VoteCount" });

        migrationBuilder.CreateIndex(
            name: "IX_Memberships_UserId",
            table: "Memberships",
            column: "UserId");

        migrationBuilder.CreateIndex(
            name: "IX_Organizations_Slug",
            table: "Organizations",
            column: "Slug",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_StatusChanges_ActorId",
            table: "StatusChanges",
            column: "ActorId");

        migrationBuilder.CreateIndex(
            name: "IX_StatusChanges_IdeaId",
            table: "StatusChanges",
            column: "IdeaId");

        migrationBuilder.CreateIndex(
            name: "IX_StatusChanges_OrganizationId",
            table: "StatusChanges",
            column: "OrganizationId");

        migrationBuilder.CreateIndex(
            name: "IX_Votes_FromIdeaId",
            table: "Votes",
            column: "FromIdeaId");

        migrationBuilder.CreateIndex(
            name: "IX_Votes_OrganizationId",
            table: "Votes",
            column: "OrganizationId");

        migrationBuilder.CreateIndex(
            name: "IX_Votes_UserId",
            table: "Votes",
            column: "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Votes");
        migrationBuilder.DropTable(name: "StatusChanges");
        migrationBuilder.DropTable(name: "Comments");
        migrationBuilder.DropTable(name: "Ideas");
        migrationBuilder.DropTable(name: "Memberships");
        migrationBuilder.DropTable(name: "Categories");
        migrationBuilder.DropTable(name: "AspNetUserTokens");
        migrationBuilder.DropTable(name: "AspNetUserLogins");
        migrationBuilder.DropTable(name: "AspNetUserClaims");
        migrationBuilder.DropTable(name: "Organizations");
        migrationBuilder.DropTable(name: "AspNetUsers");
    }
}
