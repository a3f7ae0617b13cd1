using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SealCabinet.Cloud.Service.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OidcSignIns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "oidc_sign_ins",
                columns: table => new
                {
                    state_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    binding_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    code_verifier = table.Column<string>(type: "text", nullable: false),
                    nonce = table.Column<string>(type: "text", nullable: false),
                    redirect_uri = table.Column<string>(type: "text", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_oidc_sign_ins", x => x.state_hash);
                });

            migrationBuilder.CreateIndex(
                name: "ix_oidc_sign_ins_expires_at",
                table: "oidc_sign_ins",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "oidc_sign_ins");
        }
    }
}
