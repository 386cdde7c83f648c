using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureBase.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Administrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InstrumentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InstrumentVersion = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TargetId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Administrations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NormSets",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    InstrumentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NormSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ItemResponses",
                columns: table => new
                {
                    AdministrationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ItemResponses", x => new { x.AdministrationId, x.ItemId });
                    table.ForeignKey(
                        name: "FK_ItemResponses_Administrations_AdministrationId",
                        column: x => x.AdministrationId,
                        principalTable: "Administrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScoreValues",
                columns: table => new
                {
                    AdministrationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScaleId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IsComposite = table.Column<bool>(type: "INTEGER", nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: true),
                    Answered = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreValues", x => new { x.AdministrationId, x.ScaleId });
                    table.ForeignKey(
                        name: "FK_ScoreValues_Administrations_AdministrationId",
                        column: x => x.AdministrationId,
                        principalTable: "Administrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NormEntries",
                columns: table => new
                {
                    NormSetId = table.Column<string>(type: "TEXT", nullable: false),
                    SubscaleId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Mean = table.Column<double>(type: "REAL", nullable: false),
                    StandardDeviation = table.Column<double>(type: "REAL", nullable: false),
                    Reliability = table.Column<double>(type: "REAL", nullable: true),
                    ReliabilityKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    N = table.Column<int>(type: "INTEGER", nullable: false),
                    FunctionalMean = table.Column<double>(type: "REAL", nullable: true),
                    FunctionalStandardDeviation = table.Column<double>(type: "REAL", nullable: true),
                    ClinicalMean = table.Column<double>(type: "REAL", nullable: true),
                    ClinicalStandardDeviation = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NormEntries", x => new { x.NormSetId, x.SubscaleId });
                    table.ForeignKey(
                        name: "FK_NormEntries_NormSets_NormSetId",
                        column: x => x.NormSetId,
                        principalTable: "NormSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Administrations_SubjectId_InstrumentId_CompletedAt",
                table: "Administrations",
                columns: new[] { "SubjectId", "InstrumentId", "CompletedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ItemResponses");

            migrationBuilder.DropTable(
                name: "NormEntries");

            migrationBuilder.DropTable(
                name: "ScoreValues");

            migrationBuilder.DropTable(
                name: "NormSets");

            migrationBuilder.DropTable(
                name: "Administrations");
        }
    }
}
