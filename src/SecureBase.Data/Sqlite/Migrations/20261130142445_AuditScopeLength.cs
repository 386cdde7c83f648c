using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureBase.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AuditScopeLength : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
