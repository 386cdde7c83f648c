using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureBase.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AdministrationTargetLabel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "EncryptedTargetLabel",
                table: "Administrations",
                type: "bytea",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EncryptedTargetLabel",
                table: "Administrations");
        }
    }
}
