using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SealCabinet.Cloud.Service.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "matters",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    allowed_seal_kinds = table.Column<List<string>>(type: "text[]", nullable: false),
                    approvals_required = table.Column<int>(type: "integer", nullable: false),
                    house_building = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_matters", x => x.code);
                    table.CheckConstraint("ck_matters_approvals_required", "approvals_required BETWEEN 1 AND 2");
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    topic = table.Column<string>(type: "text", nullable: false),
                    payload = table.Column<byte[]>(type: "bytea", nullable: false),
                    grant_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "seal_kinds",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    wire_number = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seal_kinds", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "towns",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_towns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "villages",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    town_id = table.Column<string>(type: "character varying(64)", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_villages", x => x.id);
                    table.ForeignKey(
                        name: "fk_villages_towns_town_id",
                        column: x => x.town_id,
                        principalTable: "towns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cabinets",
                columns: table => new
                {
                    device_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    village_id = table.Column<string>(type: "character varying(64)", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    encrypted_secret = table.Column<byte[]>(type: "bytea", nullable: false),
                    secret_version = table.Column<int>(type: "integer", nullable: false),
                    grant_counter = table.Column<long>(type: "bigint", nullable: false),
                    chain_epoch = table.Column<int>(type: "integer", nullable: false),
                    authorized_chain_epoch = table.Column<int>(type: "integer", nullable: true),
                    last_seq = table.Column<long>(type: "bigint", nullable: false),
                    last_event_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    online = table.Column<bool>(type: "boolean", nullable: false),
                    online_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decommissioned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decommission_reason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cabinets", x => x.device_id);
                    table.CheckConstraint("ck_cabinets_grant_counter", "grant_counter >= 0");
                    table.ForeignKey(
                        name: "fk_cabinets_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "role_assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<string>(type: "character varying(128)", nullable: false),
                    role = table.Column<string>(type: "text", nullable: false),
                    town_id = table.Column<string>(type: "character varying(64)", nullable: true),
                    village_id = table.Column<string>(type: "character varying(64)", nullable: true),
                    seal_kind = table.Column<string>(type: "character varying(32)", nullable: true),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_role_assignments", x => x.id);
                    table.CheckConstraint("ck_role_assignments_seal_kind", "(role = 'Approver') = (seal_kind IS NOT NULL)");
                    table.CheckConstraint("ck_role_assignments_single_scope", "town_id IS NULL OR village_id IS NULL");
                    table.ForeignKey(
                        name: "fk_role_assignments_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_role_assignments_seal_kinds_seal_kind",
                        column: x => x.seal_kind,
                        principalTable: "seal_kinds",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_role_assignments_towns_town_id",
                        column: x => x.town_id,
                        principalTable: "towns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_role_assignments_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "village_seals",
                columns: table => new
                {
                    village_id = table.Column<string>(type: "character varying(64)", nullable: false),
                    seal_kind = table.Column<string>(type: "character varying(32)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_village_seals", x => new { x.village_id, x.seal_kind });
                    table.ForeignKey(
                        name: "fk_village_seals_seal_kinds_seal_kind",
                        column: x => x.seal_kind,
                        principalTable: "seal_kinds",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_village_seals_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cabinet_sleeves",
                columns: table => new
                {
                    device_id = table.Column<string>(type: "character varying(64)", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    seal_kind = table.Column<string>(type: "character varying(32)", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cabinet_sleeves", x => new { x.device_id, x.number });
                    table.CheckConstraint("ck_cabinet_sleeves_number", "number BETWEEN 1 AND 3");
                    table.ForeignKey(
                        name: "fk_cabinet_sleeves_cabinets_device_id",
                        column: x => x.device_id,
                        principalTable: "cabinets",
                        principalColumn: "device_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_cabinet_sleeves_seal_kinds_seal_kind",
                        column: x => x.seal_kind,
                        principalTable: "seal_kinds",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "seal_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<string>(type: "character varying(64)", nullable: false),
                    seal_kind = table.Column<string>(type: "character varying(32)", nullable: false),
                    matter_code = table.Column<string>(type: "character varying(32)", nullable: false),
                    applicant_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    copies = table.Column<int>(type: "integer", nullable: false),
                    custodian_id = table.Column<string>(type: "text", nullable: false),
                    device_id = table.Column<string>(type: "character varying(64)", nullable: false),
                    sleeve = table.Column<int>(type: "integer", nullable: false),
                    document_sha256 = table.Column<byte[]>(type: "bytea", nullable: false),
                    approvals_required = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    cancel_reason = table.Column<string>(type: "text", nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seal_requests", x => x.id);
                    table.CheckConstraint("ck_seal_requests_copies", "copies BETWEEN 1 AND 20");
                    table.CheckConstraint("ck_seal_requests_sleeve", "sleeve BETWEEN 1 AND 3");
                    table.ForeignKey(
                        name: "fk_seal_requests_cabinets_device_id",
                        column: x => x.device_id,
                        principalTable: "cabinets",
                        principalColumn: "device_id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_seal_requests_matters_matter_code",
                        column: x => x.matter_code,
                        principalTable: "matters",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_seal_requests_seal_kinds_seal_kind",
                        column: x => x.seal_kind,
                        principalTable: "seal_kinds",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_seal_requests_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "decisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    approver_id = table.Column<string>(type: "text", nullable: false),
                    approved = table.Column<bool>(type: "boolean", nullable: false),
                    comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_decisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_decisions_seal_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "seal_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "grants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    device_id = table.Column<string>(type: "character varying(64)", nullable: false),
                    sleeve = table.Column<int>(type: "integer", nullable: false),
                    seal_kind = table.Column<string>(type: "text", nullable: false),
                    counter = table.Column<long>(type: "bigint", nullable: false),
                    presses_allowed = table.Column<int>(type: "integer", nullable: false),
                    presses_used = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    not_before = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    document_digest = table.Column<byte[]>(type: "bytea", nullable: false),
                    matter_code = table.Column<string>(type: "text", nullable: false),
                    payload = table.Column<byte[]>(type: "bytea", nullable: false),
                    mac = table.Column<byte[]>(type: "bytea", nullable: false),
                    refusal_reason = table.Column<string>(type: "text", nullable: true),
                    state_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_grants", x => x.id);
                    table.CheckConstraint("ck_grants_counter", "counter > 0");
                    table.ForeignKey(
                        name: "fk_grants_cabinets_device_id",
                        column: x => x.device_id,
                        principalTable: "cabinets",
                        principalColumn: "device_id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_grants_seal_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "seal_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "request_materials",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sha256 = table.Column<byte[]>(type: "bytea", nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_request_materials", x => x.id);
                    table.ForeignKey(
                        name: "fk_request_materials_seal_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "seal_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "material_contents",
                columns: table => new
                {
                    material_id = table.Column<Guid>(type: "uuid", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_material_contents", x => x.material_id);
                    table.ForeignKey(
                        name: "fk_material_contents_request_materials_material_id",
                        column: x => x.material_id,
                        principalTable: "request_materials",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "seal_kinds",
                columns: new[] { "code", "name", "wire_number" },
                values: new object[,]
                {
                    { "COMMITTEE", "村委会印章", 2 },
                    { "COOPERATIVE", "村经济合作社印章", 3 },
                    { "PARTY", "党组织印章", 1 }
                });

            migrationBuilder.CreateIndex(
                name: "ix_cabinet_sleeves_device_id_seal_kind",
                table: "cabinet_sleeves",
                columns: new[] { "device_id", "seal_kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cabinet_sleeves_seal_kind",
                table: "cabinet_sleeves",
                column: "seal_kind");

            migrationBuilder.CreateIndex(
                name: "ix_cabinets_village_id_status",
                table: "cabinets",
                columns: new[] { "village_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_decisions_request_id_approver_id",
                table: "decisions",
                columns: new[] { "request_id", "approver_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_grants_device_id_counter",
                table: "grants",
                columns: new[] { "device_id", "counter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_grants_one_live_grant_per_request",
                table: "grants",
                column: "request_id",
                unique: true,
                filter: "state IN ('Issued', 'Delivered', 'Accepted')");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_pending",
                table: "outbox_messages",
                column: "next_attempt_at",
                filter: "published_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_request_materials_request_id_ordinal",
                table: "request_materials",
                columns: new[] { "request_id", "ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_role_assignments_person_id_role_town_id_village_id_seal_kind",
                table: "role_assignments",
                columns: new[] { "person_id", "role", "town_id", "village_id", "seal_kind" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_role_assignments_seal_kind",
                table: "role_assignments",
                column: "seal_kind");

            migrationBuilder.CreateIndex(
                name: "ix_role_assignments_town_id",
                table: "role_assignments",
                column: "town_id");

            migrationBuilder.CreateIndex(
                name: "ix_role_assignments_village_id_role",
                table: "role_assignments",
                columns: new[] { "village_id", "role" });

            migrationBuilder.CreateIndex(
                name: "ix_seal_kinds_wire_number",
                table: "seal_kinds",
                column: "wire_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_seal_requests_custodian_id_idempotency_key",
                table: "seal_requests",
                columns: new[] { "custodian_id", "idempotency_key" },
                unique: true,
                filter: "idempotency_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_seal_requests_device_id",
                table: "seal_requests",
                column: "device_id");

            migrationBuilder.CreateIndex(
                name: "ix_seal_requests_matter_code",
                table: "seal_requests",
                column: "matter_code");

            migrationBuilder.CreateIndex(
                name: "ix_seal_requests_seal_kind",
                table: "seal_requests",
                column: "seal_kind");

            migrationBuilder.CreateIndex(
                name: "ix_seal_requests_village_id_submitted_at",
                table: "seal_requests",
                columns: new[] { "village_id", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_village_seals_seal_kind",
                table: "village_seals",
                column: "seal_kind");

            migrationBuilder.CreateIndex(
                name: "ix_villages_town_id",
                table: "villages",
                column: "town_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cabinet_sleeves");

            migrationBuilder.DropTable(
                name: "decisions");

            migrationBuilder.DropTable(
                name: "grants");

            migrationBuilder.DropTable(
                name: "material_contents");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "role_assignments");

            migrationBuilder.DropTable(
                name: "village_seals");

            migrationBuilder.DropTable(
                name: "request_materials");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "seal_requests");

            migrationBuilder.DropTable(
                name: "cabinets");

            migrationBuilder.DropTable(
                name: "matters");

            migrationBuilder.DropTable(
                name: "seal_kinds");

            migrationBuilder.DropTable(
                name: "villages");

            migrationBuilder.DropTable(
                name: "towns");
        }
    }
}
