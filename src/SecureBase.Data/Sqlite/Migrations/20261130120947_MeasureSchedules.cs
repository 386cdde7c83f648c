using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureBase.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MeasureSchedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MeasureSchedules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RelationshipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstrumentId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TargetId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    AtIntake = table.Column<bool>(type: "INTEGER", nullable: false),
                    EveryWeeks = table.Column<int>(type: "INTEGER", nullable: true),
                    Since = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeasureSchedules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeasureSchedules_CareRelationships_RelationshipId",
                        column: x => x.RelationshipId,
                        principalTable: "CareRelationships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MeasureSchedules_PracticeId",
                table: "MeasureSchedules",
                column: "PracticeId");

            migrationBuilder.CreateIndex(
                name: "IX_MeasureSchedules_RelationshipId_InstrumentId_TargetId",
                table: "MeasureSchedules",
                columns: new[] { "RelationshipId", "InstrumentId", "TargetId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MeasureSchedules");
        }
    }
}
