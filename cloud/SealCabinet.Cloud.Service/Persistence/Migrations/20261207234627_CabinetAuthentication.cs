using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SealCabinet.Cloud.Service.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CabinetAuthentication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "cabinet_auth_policy",
                table: "villages",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Pin");

            migrationBuilder.AddColumn<long>(
                name: "roster_version",
                table: "villages",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            migrationBuilder.AddColumn<byte[]>(
                name: "access_card_uid",
                table: "people",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "cabinet_pin_iterations",
                table: "people",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<byte[]>(
                name: "cabinet_pin_salt",
                table: "people",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "cabinet_pin_set_at",
                table: "people",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "cabinet_pin_verifier",
                table: "people",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "roster_version",
                table: "cabinets",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddCheckConstraint(
                name: "ck_villages_roster_version",
                table: "villages",
                sql: "roster_version >= 1");

            migrationBuilder.CreateIndex(
                name: "ix_people_access_card_uid",
                table: "people",
                column: "access_card_uid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_grants_revoked_by_device",
                table: "grants",
                columns: new[] { "device_id", "expires_at" },
                filter: "state = 'Revoked'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_villages_roster_version",
                table: "villages");

            migrationBuilder.DropIndex(
                name: "ix_people_access_card_uid",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_grants_revoked_by_device",
                table: "grants");

            migrationBuilder.DropColumn(
                name: "cabinet_auth_policy",
                table: "villages");

            migrationBuilder.DropColumn(
                name: "roster_version",
                table: "villages");

            migrationBuilder.DropColumn(
                name: "access_card_uid",
                table: "people");

            migrationBuilder.DropColumn(
                name: "cabinet_pin_iterations",
                table: "people");

            migrationBuilder.DropColumn(
                name: "cabinet_pin_salt",
                table: "people");

            migrationBuilder.DropColumn(
                name: "cabinet_pin_set_at",
                table: "people");

            migrationBuilder.DropColumn(
                name: "cabinet_pin_verifier",
                table: "people");

            migrationBuilder.DropColumn(
                name: "roster_version",
                table: "cabinets");
        }
    }
}
