using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureBase.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FlagKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FlagAcknowledgements_RelationshipId_Kind_AcknowledgedAt",
                table: "FlagAcknowledgements");

            migrationBuilder.AddColumn<string>(
                name: "FlagKey",
                table: "FlagAcknowledgements",
                type: "TEXT",
                maxLength: 96,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_FlagAcknowledgements_RelationshipId_FlagKey_AcknowledgedAt",
                table: "FlagAcknowledgements",
                columns: new[] { "RelationshipId", "FlagKey", "AcknowledgedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FlagAcknowledgements_RelationshipId_FlagKey_AcknowledgedAt",
                table: "FlagAcknowledgements");

            migrationBuilder.DropColumn(
                name: "FlagKey",
                table: "FlagAcknowledgements");

            migrationBuilder.CreateIndex(
                name: "IX_FlagAcknowledgements_RelationshipId_Kind_AcknowledgedAt",
                table: "FlagAcknowledgements",
                columns: new[] { "RelationshipId", "Kind", "AcknowledgedAt" });
        }
    }
}
