using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureBase.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AttendanceMarkedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AttendanceMarkedAt",
                table: "OneOffSessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AttendanceMarkedAt",
                table: "OccurrenceChanges",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AttendanceMarkedAt",
                table: "OneOffSessions");

            migrationBuilder.DropColumn(
                name: "AttendanceMarkedAt",
                table: "OccurrenceChanges");
        }
    }
}
