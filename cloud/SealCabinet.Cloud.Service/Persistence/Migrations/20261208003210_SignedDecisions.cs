using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SealCabinet.Cloud.Service.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SignedDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "request_id",
                table: "webauthn_ceremonies",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "statement",
                table: "webauthn_ceremonies",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "approval_digest",
                table: "grants",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "created_by",
                table: "enrolment_codes",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<byte[]>(
                name: "authenticator_data",
                table: "decisions",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "client_data_json",
                table: "decisions",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "credential_id",
                table: "decisions",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "signature",
                table: "decisions",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "statement",
                table: "decisions",
                type: "bytea",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "request_id",
                table: "webauthn_ceremonies");

            migrationBuilder.DropColumn(
                name: "statement",
                table: "webauthn_ceremonies");

            migrationBuilder.DropColumn(
                name: "approval_digest",
                table: "grants");

            migrationBuilder.DropColumn(
                name: "created_by",
                table: "enrolment_codes");

            migrationBuilder.DropColumn(
                name: "authenticator_data",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "client_data_json",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "credential_id",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "signature",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "statement",
                table: "decisions");
        }
    }
}
