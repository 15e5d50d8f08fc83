using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Whuffie.Data.Migrations;

/// <summary>
/// Full-text and similarity search (see Search/SearchIndex.cs). The index itself is provider-specific and
/// outside the EF model: on PostgreSQL a tsvector column and two GIN indexes (btree_gin puts the organization
/// in the same index, so a search never wades through other organizations' matches; pg_trgm gives the title
/// trigrams), on SQLite two contentless FTS5 tables (the titles' one keeps positions: a piece longer than three letters
/// is a phrase of trigrams). Existing ideas get their language guessed and are
/// indexed at the next start (SearchIndex.CatchUpAsync): SQLite cannot stem in SQL.
/// </summary>
[DbContext(typeof(WhuffieDb))]
[Migration("20261203000000_Search")]
public sealed class Search : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Language", table: "Ideas", maxLength: 10, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>(name: "Languages", table: "Organizations", maxLength: 20, nullable: true);

        if (migrationBuilder.IsNpgsql())
        {
            // Both are "trusted" extensions: the database's owner may create them without being a superuser.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS btree_gin;");
            migrationBuilder.Sql("""ALTER TABLE "Ideas" ADD "SearchVector" tsvector""");
            migrationBuilder.Sql("""CREATE INDEX "Search_Ideas_Vector" ON "Ideas" USING gin ("OrganizationId", "SearchVector")""");
            migrationBuilder.Sql("""CREATE INDEX "Search_Ideas_Title" ON "Ideas" USING gin ("OrganizationId", "Title" gin_trgm_ops)""");
        }
        else
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "SearchIdeas" USING fts5("Title", "Body", "Comments",
                    tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1, detail = column);
                CREATE VIRTUAL TABLE "SearchTitles" USING fts5("Title",
                    tokenize = 'trigram', content = '', contentless_delete = 1, detail = full);
                """);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql("""DROP INDEX "Search_Ideas_Title"; DROP INDEX "Search_Ideas_Vector"; ALTER TABLE "Ideas" DROP COLUMN "SearchVector";""");
        }
        else
        {
            migrationBuilder.Sql("""DROP TABLE "SearchTitles"; DROP TABLE "SearchIdeas";""");
        }
        migrationBuilder.DropColumn(name: "Languages", table: "Organizations");
        migrationBuilder.DropColumn(name: "Language", table: "Ideas");
    }
}
