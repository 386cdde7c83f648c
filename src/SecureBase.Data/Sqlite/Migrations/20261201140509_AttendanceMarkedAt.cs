using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureBase.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AttendanceMarkedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AttendanceMarkedAt",
                table: "OneOffSessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AttendanceMarkedAt",
                table: "OccurrenceChanges",
                type: "INTEGER",
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
