using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SealCabinet.Cloud.Service.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Ingestion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "last_event_hash",
                table: "cabinets",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "open_alarms",
                table: "cabinets",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "tamper_open",
                table: "cabinets",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "device_events",
                columns: table => new
                {
                    device_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    chain_epoch = table.Column<int>(type: "integer", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    event_type = table.Column<int>(type: "integer", nullable: false),
                    sleeve = table.Column<int>(type: "integer", nullable: false),
                    grant_id = table.Column<Guid>(type: "uuid", nullable: true),
                    grant_counter = table.Column<long>(type: "bigint", nullable: false),
                    press_count = table.Column<int>(type: "integer", nullable: false),
                    device_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    uptime_ms = table.Column<long>(type: "bigint", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    event_bytes = table.Column<byte[]>(type: "bytea", nullable: false),
                    mac = table.Column<byte[]>(type: "bytea", nullable: false),
                    event_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    refusal_reason = table.Column<int>(type: "integer", nullable: false),
                    evidence_id = table.Column<string>(type: "text", nullable: true),
                    evidence_kind = table.Column<int>(type: "integer", nullable: false),
                    detail = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_device_events", x => new { x.device_id, x.chain_epoch, x.seq });
                });

            migrationBuilder.CreateTable(
                name: "evidence_chunks",
                columns: table => new
                {
                    device_id = table.Column<string>(type: "text", nullable: false),
                    evidence_id = table.Column<string>(type: "text", nullable: false),
                    offset = table.Column<int>(type: "integer", nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_chunks", x => new { x.device_id, x.evidence_id, x.offset });
                });

            migrationBuilder.CreateTable(
                name: "evidence_objects",
                columns: table => new
                {
                    device_id = table.Column<string>(type: "text", nullable: false),
                    evidence_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    total_size = table.Column<int>(type: "integer", nullable: false),
                    received_bytes = table.Column<int>(type: "integer", nullable: false),
                    complete = table.Column<bool>(type: "boolean", nullable: false),
                    verified = table.Column<bool>(type: "boolean", nullable: false),
                    evidence_mac = table.Column<byte[]>(type: "bytea", nullable: true),
                    grant_id = table.Column<Guid>(type: "uuid", nullable: true),
                    request_id = table.Column<Guid>(type: "uuid", nullable: true),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    event_seq = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_objects", x => new { x.device_id, x.evidence_id });
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    village_id = table.Column<string>(type: "text", nullable: true),
                    town_id = table.Column<string>(type: "text", nullable: true),
                    request_id = table.Column<Guid>(type: "uuid", nullable: true),
                    device_id = table.Column<string>(type: "text", nullable: true),
                    audience = table.Column<string[]>(type: "text[]", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "security_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    device_id = table.Column<string>(type: "text", nullable: true),
                    kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: true),
                    chain_epoch = table.Column<int>(type: "integer", nullable: true),
                    detail = table.Column<string>(type: "text", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_security_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    notification_id = table.Column<long>(type: "bigint", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhook_deliveries_notifications_notification_id",
                        column: x => x.notification_id,
                        principalTable: "notifications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_device_events_device_id_received_at",
                table: "device_events",
                columns: new[] { "device_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_device_events_grant_id",
                table: "device_events",
                column: "grant_id",
                filter: "grant_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_objects_grant_id",
                table: "evidence_objects",
                column: "grant_id",
                filter: "grant_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_objects_request_id",
                table: "evidence_objects",
                column: "request_id",
                filter: "request_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_village_id_id",
                table: "notifications",
                columns: new[] { "village_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_security_events_device_id_occurred_at",
                table: "security_events",
                columns: new[] { "device_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_security_events_occurred_at",
                table: "security_events",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_notification_id",
                table: "webhook_deliveries",
                column: "notification_id");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_pending",
                table: "webhook_deliveries",
                column: "next_attempt_at",
                filter: "delivered_at IS NULL");

            // Every committed notification wakes the Subscribe streams of every replica (LISTEN in
            // Notifications/NotificationHub); NOTIFY is delivered at commit, so a rolled-back fact announces nothing.
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_notification() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('sealcabinet_notifications', NEW.id::text);
                    RETURN NEW;
                END
                $$;
                CREATE TRIGGER trg_notifications_notify AFTER INSERT ON notifications
                    FOR EACH ROW EXECUTE FUNCTION notify_notification();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER trg_notifications_notify ON notifications; DROP FUNCTION notify_notification();");

            migrationBuilder.DropTable(
                name: "device_events");

            migrationBuilder.DropTable(
                name: "evidence_chunks");

            migrationBuilder.DropTable(
                name: "evidence_objects");

            migrationBuilder.DropTable(
                name: "security_events");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropColumn(
                name: "last_event_hash",
                table: "cabinets");

            migrationBuilder.DropColumn(
                name: "open_alarms",
                table: "cabinets");

            migrationBuilder.DropColumn(
                name: "tamper_open",
                table: "cabinets");
        }
    }
}
