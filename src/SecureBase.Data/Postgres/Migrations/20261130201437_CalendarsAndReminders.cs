using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureBase.Data.Postgres.Migrations
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "StandingSeries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CalendarTitle",
                table: "Practices",
                type: "character varying(60)",
                maxLength: 60,
                nullable: false,
                defaultValue: "Appointment");

            migrationBuilder.AddColumn<string>(
                name: "ReminderOffsets",
                table: "Practices",
                type: "character varying(60)",
                maxLength: 60,
                nullable: false,
                defaultValue: "1440,120");

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "OneOffSessions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "OneOffSessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SessionRemindersOff",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "CalendarFeeds",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ContentHash = table.Column<byte[]>(type: "bytea", nullable: true),
                    ContentChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PracticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    TherapistId = table.Column<string>(type: "text", nullable: false),
                    Occurrence = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OffsetMinutes = table.Column<int>(type: "integer", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
