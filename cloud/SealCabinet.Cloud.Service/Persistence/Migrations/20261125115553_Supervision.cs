using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SealCabinet.Cloud.Service.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Supervision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "anomalies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    rule = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    village_id = table.Column<string>(type: "text", nullable: false),
                    device_id = table.Column<string>(type: "text", nullable: true),
                    request_id = table.Column<Guid>(type: "uuid", nullable: true),
                    summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    evidence = table.Column<long[]>(type: "bigint[]", nullable: false),
                    ledger_index = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: true),
                    detected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_anomalies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "building_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<string>(type: "text", nullable: false),
                    applicant = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    foundation_date = table.Column<DateOnly>(type: "date", nullable: false),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_building_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "denied_decisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<string>(type: "text", nullable: false),
                    approve = table.Column<bool>(type: "boolean", nullable: false),
                    attempted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_denied_decisions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "document_checks",
                columns: table => new
                {
                    device_id = table.Column<string>(type: "text", nullable: false),
                    evidence_id = table.Column<string>(type: "text", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    distance = table.Column<int>(type: "integer", nullable: true),
                    checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_document_checks", x => new { x.device_id, x.evidence_id });
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    index = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    record = table.Column<byte[]>(type: "bytea", nullable: false),
                    leaf_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    appended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_entries", x => x.index);
                    table.CheckConstraint("ck_ledger_entries_index", "index >= 0");
                });

            migrationBuilder.CreateTable(
                name: "ledger_subtree_hashes",
                columns: table => new
                {
                    level = table.Column<int>(type: "integer", nullable: false),
                    index = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_subtree_hashes", x => new { x.level, x.index });
                });

            migrationBuilder.CreateTable(
                name: "ledger_tree_heads",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    tree_size = table.Column<long>(type: "bigint", nullable: false),
                    root_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    timestamp_ms = table.Column<long>(type: "bigint", nullable: false),
                    signature = table.Column<byte[]>(type: "bytea", nullable: false),
                    key_id = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_tree_heads", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_anomalies_rule_subject",
                table: "anomalies",
                columns: new[] { "rule", "subject" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_anomalies_village_id_detected_at",
                table: "anomalies",
                columns: new[] { "village_id", "detected_at" });

            migrationBuilder.CreateIndex(
                name: "ix_building_records_village_id_applicant_address_foundation_da",
                table: "building_records",
                columns: new[] { "village_id", "applicant", "address", "foundation_date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_denied_decisions_request_id",
                table: "denied_decisions",
                column: "request_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_tree_heads_tree_size",
                table: "ledger_tree_heads",
                column: "tree_size");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "anomalies");

            migrationBuilder.DropTable(
                name: "building_records");

            migrationBuilder.DropTable(
                name: "denied_decisions");

            migrationBuilder.DropTable(
                name: "document_checks");

            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "ledger_subtree_hashes");

            migrationBuilder.DropTable(
                name: "ledger_tree_heads");
        }
    }
}
