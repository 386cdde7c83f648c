using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureBase.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class NormSetTargets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TargetId",
                table: "NormSets",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_NormSets_InstrumentId_TargetId",
                table: "NormSets",
                columns: new[] { "InstrumentId", "TargetId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_NormSets_InstrumentId_TargetId",
                table: "NormSets");

            migrationBuilder.DropColumn(
                name: "TargetId",
                table: "NormSets");
        }
    }
}
