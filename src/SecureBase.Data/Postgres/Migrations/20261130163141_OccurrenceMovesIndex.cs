using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureBase.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OccurrenceMovesIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_OccurrenceChanges_SeriesId_MovedToDate",
                table: "OccurrenceChanges",
                columns: new[] { "SeriesId", "MovedToDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OccurrenceChanges_SeriesId_MovedToDate",
                table: "OccurrenceChanges");
        }
    }
}
