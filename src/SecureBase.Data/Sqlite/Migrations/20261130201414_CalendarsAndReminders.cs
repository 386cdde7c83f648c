using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureBase.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CalendarsAndReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "StandingSeries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "UpdatedAt",
                table: "StandingSeries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CalendarTitle",
                table: "Practices",
                type: "TEXT",
                maxLength: 60,
                nullable: false,
                defaultValue: "Appointment");

            migrationBuilder.AddColumn<string>(
                name: "ReminderOffsets",
                table: "Practices",
                type: "TEXT",
                maxLength: 60,
                nullable: false,
                defaultValue: "1440,120");

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "OneOffSessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "UpdatedAt",
                table: "OneOffSessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SessionRemindersOff",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "CalendarFeeds",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ContentChangedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarFeeds", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_CalendarFeeds_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReminderDeliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TherapistId = table.Column<string>(type: "TEXT", nullable: false),
                    Occurrence = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Start = table.Column<long>(type: "INTEGER", nullable: false),
                    OffsetMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReminderDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReminderDeliveries_AspNetUsers_TherapistId",
                        column: x => x.TherapistId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReminderDeliveries_Practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "Practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_TokenHash",
                table: "CalendarFeeds",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReminderDeliveries_Occurrence_Start_OffsetMinutes",
                table: "ReminderDeliveries",
                columns: new[] { "Occurrence", "Start", "OffsetMinutes" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReminderDeliveries_PracticeId_TherapistId_DueAt",
                table: "ReminderDeliveries",
                columns: new[] { "PracticeId", "TherapistId", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReminderDeliveries_State_NextAttemptAt",
                table: "ReminderDeliveries",
                columns: new[] { "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReminderDeliveries_TherapistId",
                table: "ReminderDeliveries",
                column: "TherapistId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalendarFeeds");

            migrationBuilder.DropTable(
                name: "ReminderDeliveries");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "StandingSeries");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "StandingSeries");

            migrationBuilder.DropColumn(
                name: "CalendarTitle",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "ReminderOffsets",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "OneOffSessions");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "OneOffSessions");

            migrationBuilder.DropColumn(
                name: "SessionRemindersOff",
                table: "AspNetUsers");
        }
    }
}
