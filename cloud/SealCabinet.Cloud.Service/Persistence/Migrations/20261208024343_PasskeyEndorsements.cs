using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SealCabinet.Cloud.Service.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PasskeyEndorsements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "endorsed_at",
                table: "passkey_credentials",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "endorsed_by",
                table: "passkey_credentials",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "endorsed_with",
                table: "passkey_credentials",
                type: "bytea",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "endorsed_at",
                table: "passkey_credentials");

            migrationBuilder.DropColumn(
                name: "endorsed_by",
                table: "passkey_credentials");

            migrationBuilder.DropColumn(
                name: "endorsed_with",
                table: "passkey_credentials");
        }
    }
}
