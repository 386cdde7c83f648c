using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureBase.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TherapistRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FlagAcknowledgements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RelationshipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EncryptedNote = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlagAcknowledgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FlagAcknowledgements_CareRelationships_RelationshipId",
                        column: x => x.RelationshipId,
                        principalTable: "CareRelationships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TherapistEventNotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RelationshipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TherapistId = table.Column<string>(type: "TEXT", nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    EncryptedText = table.Column<byte[]>(type: "BLOB", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TherapistEventNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TherapistEventNotes_CareRelationships_RelationshipId",
                        column: x => x.RelationshipId,
                        principalTable: "CareRelationships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FlagAcknowledgements_PracticeId",
                table: "FlagAcknowledgements",
                column: "PracticeId");

            migrationBuilder.CreateIndex(
                name: "IX_FlagAcknowledgements_RelationshipId_Kind_AcknowledgedAt",
                table: "FlagAcknowledgements",
                columns: new[] { "RelationshipId", "Kind", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TherapistEventNotes_PracticeId",
                table: "TherapistEventNotes",
                column: "PracticeId");

            migrationBuilder.CreateIndex(
                name: "IX_TherapistEventNotes_RelationshipId_OccurredOn",
                table: "TherapistEventNotes",
                columns: new[] { "RelationshipId", "OccurredOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FlagAcknowledgements");

            migrationBuilder.DropTable(
                name: "TherapistEventNotes");
        }
    }
}
