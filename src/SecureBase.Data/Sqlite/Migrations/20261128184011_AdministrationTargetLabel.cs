using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureBase.Data.Sqlite.Migrations
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
                type: "BLOB",
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
