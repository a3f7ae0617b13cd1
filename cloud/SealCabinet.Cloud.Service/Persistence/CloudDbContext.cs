using Microsoft.EntityFrameworkCore;

namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>The cloud's PostgreSQL model (snake_case names, enums stored as text).</summary>
internal sealed class CloudDbContext(DbContextOptions<CloudDbContext> options) : DbContext(options)
{
    public DbSet<Town> Towns => Set<Town>();

    public DbSet<Village> Villages => Set<Village>();

    public DbSet<SealKindDefinition> SealKinds => Set<SealKindDefinition>();

    public DbSet<VillageSeal> VillageSeals => Set<VillageSeal>();

    public DbSet<Cabinet> Cabinets => Set<Cabinet>();

    public DbSet<CabinetSleeve> CabinetSleeves => Set<CabinetSleeve>();

    public DbSet<Matter> Matters => Set<Matter>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();

    public DbSet<SealRequest> Requests => Set<SealRequest>();

    public DbSet<RequestMaterial> Materials => Set<RequestMaterial>();

    public DbSet<MaterialContent> MaterialContents => Set<MaterialContent>();

    public DbSet<Decision> Decisions => Set<Decision>();

    public DbSet<Grant> Grants => Set<Grant>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();

    public DbSet<LedgerSubtreeHash> LedgerSubtreeHashes => Set<LedgerSubtreeHash>();

    public DbSet<LedgerTreeHead> LedgerTreeHeads => Set<LedgerTreeHead>();

    public DbSet<Anomaly> Anomalies => Set<Anomaly>();

    public DbSet<BuildingRecord> BuildingRecords => Set<BuildingRecord>();

    public DbSet<DeniedDecision> DeniedDecisions => Set<DeniedDecision>();

    public DbSet<DocumentCheck> DocumentChecks => Set<DocumentCheck>();

    public DbSet<DeviceEventRecord> DeviceEvents => Set<DeviceEventRecord>();

    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();

    public DbSet<EvidenceObject> EvidenceObjects => Set<EvidenceObject>();

    public DbSet<EvidenceChunkRow> EvidenceChunks => Set<EvidenceChunkRow>();

    public DbSet<NotificationRecord> Notifications => Set<NotificationRecord>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<PasskeyCredential> PasskeyCredentials => Set<PasskeyCredential>();

    public DbSet<EnrolmentCode> EnrolmentCodes => Set<EnrolmentCode>();

    public DbSet<WebAuthnCeremony> WebAuthnCeremonies => Set<WebAuthnCeremony>();

    public DbSet<OidcSignIn> OidcSignIns => Set<OidcSignIn>();

    public DbSet<BrowserSession> BrowserSessions => Set<BrowserSession>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<CabinetStatus>().HaveConversion<string>();
        configurationBuilder.Properties<SleeveState>().HaveConversion<string>();
        configurationBuilder.Properties<PersonRole>().HaveConversion<string>();
        configurationBuilder.Properties<RequestState>().HaveConversion<string>();
        configurationBuilder.Properties<GrantState>().HaveConversion<string>();
        configurationBuilder.Properties<WebAuthnCeremonyKind>().HaveConversion<string>();
        configurationBuilder.Properties<CabinetAuthPolicy>().HaveConversion<string>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Town>(e =>
        {
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).HasMaxLength(64);
            e.Property(t => t.Name).HasMaxLength(100);
        });

        modelBuilder.Entity<Village>(e =>
        {
            e.HasKey(v => v.Id);
            e.Property(v => v.Id).HasMaxLength(64);
            e.Property(v => v.Name).HasMaxLength(100);
            e.HasOne(v => v.Town).WithMany(t => t.Villages).HasForeignKey(v => v.TownId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(v => v.Seals).WithOne().HasForeignKey(s => s.VillageId).OnDelete(DeleteBehavior.Cascade);
            e.Property(v => v.CabinetAuthPolicy).HasMaxLength(16);
            e.ToTable(t => t.HasCheckConstraint("ck_villages_roster_version", "roster_version >= 1"));
        });

        modelBuilder.Entity<SealKindDefinition>(e =>
        {
            e.ToTable("seal_kinds");
            e.HasKey(k => k.Code);
            e.Property(k => k.Code).HasMaxLength(32);
            e.HasIndex(k => k.WireNumber).IsUnique();
            e.HasData(Persistence.SealKinds.Seed);
        });

        modelBuilder.Entity<VillageSeal>(e =>
        {
            e.HasKey(s => new { s.VillageId, s.SealKind });
            e.HasOne<SealKindDefinition>().WithMany().HasForeignKey(s => s.SealKind).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Cabinet>(e =>
        {
            e.HasKey(c => c.DeviceId);
            e.Property(c => c.DeviceId).HasMaxLength(64);
            e.Property(c => c.Name).HasMaxLength(100);
            e.Property(c => c.Location).HasMaxLength(200);
            e.HasOne(c => c.Village).WithMany().HasForeignKey(c => c.VillageId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(c => c.Sleeves).WithOne().HasForeignKey(s => s.DeviceId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.VillageId, c.Status });
            e.ToTable(t => t.HasCheckConstraint("ck_cabinets_grant_counter", "grant_counter >= 0"));
        });

        modelBuilder.Entity<CabinetSleeve>(e =>
        {
            e.HasKey(s => new { s.DeviceId, s.Number });
            e.HasIndex(s => new { s.DeviceId, s.SealKind }).IsUnique();
            e.HasOne<SealKindDefinition>().WithMany().HasForeignKey(s => s.SealKind).OnDelete(DeleteBehavior.Restrict);
            e.ToTable(t => t.HasCheckConstraint("ck_cabinet_sleeves_number", "number BETWEEN 1 AND 3"));
        });

        modelBuilder.Entity<Matter>(e =>
        {
            e.HasKey(m => m.Code);
            e.Property(m => m.Code).HasMaxLength(32);
            e.Property(m => m.Name).HasMaxLength(100);
            e.ToTable(t => t.HasCheckConstraint("ck_matters_approvals_required", "approvals_required BETWEEN 1 AND 2"));
        });

        modelBuilder.Entity<Person>(e =>
        {
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).HasMaxLength(128);
            e.Property(p => p.Name).HasMaxLength(100);
            e.Property(p => p.Phone).HasMaxLength(32);
            e.HasIndex(p => p.AccessCardUid).IsUnique();
            e.HasMany(p => p.Roles).WithOne().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<RoleAssignment>(e =>
        {
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedNever();
            e.HasIndex(r => new { r.PersonId, r.Role, r.TownId, r.VillageId, r.SealKind }).IsUnique().AreNullsDistinct(false);
            e.HasIndex(r => new { r.VillageId, r.Role });
            e.HasOne<Town>().WithMany().HasForeignKey(r => r.TownId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Village>().WithMany().HasForeignKey(r => r.VillageId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<SealKindDefinition>().WithMany().HasForeignKey(r => r.SealKind).OnDelete(DeleteBehavior.Restrict);
            e.ToTable(t =>
            {
                t.HasCheckConstraint("ck_role_assignments_single_scope", "town_id IS NULL OR village_id IS NULL");
                t.HasCheckConstraint("ck_role_assignments_seal_kind", "(role = 'Approver') = (seal_kind IS NOT NULL)");
            });
        });

        modelBuilder.Entity<SealRequest>(e =>
        {
            e.ToTable("seal_requests", t =>
            {
                t.HasCheckConstraint("ck_seal_requests_copies", "copies BETWEEN 1 AND 20");
                t.HasCheckConstraint("ck_seal_requests_sleeve", "sleeve BETWEEN 1 AND 3");
            });
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.ApplicantName).HasMaxLength(100);
            e.Property(r => r.Purpose).HasMaxLength(500);
            e.Property(r => r.IdempotencyKey).HasMaxLength(100);
            e.HasOne<Village>().WithMany().HasForeignKey(r => r.VillageId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Matter>().WithMany().HasForeignKey(r => r.MatterCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Cabinet>().WithMany().HasForeignKey(r => r.DeviceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<SealKindDefinition>().WithMany().HasForeignKey(r => r.SealKind).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(r => r.Materials).WithOne().HasForeignKey(m => m.RequestId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Decisions).WithOne().HasForeignKey(d => d.RequestId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Grants).WithOne().HasForeignKey(g => g.RequestId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(r => new { r.VillageId, r.SubmittedAt });
            e.HasIndex(r => new { r.CustodianId, r.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        });

        modelBuilder.Entity<RequestMaterial>(e =>
        {
            e.ToTable("request_materials");
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).ValueGeneratedNever();
            e.Property(m => m.FileName).HasMaxLength(200);
            e.Property(m => m.ContentType).HasMaxLength(100);
            e.HasIndex(m => new { m.RequestId, m.Ordinal }).IsUnique();
        });

        modelBuilder.Entity<MaterialContent>(e =>
        {
            e.HasKey(c => c.MaterialId);
            e.Property(c => c.MaterialId).ValueGeneratedNever();
            e.HasOne<RequestMaterial>().WithOne().HasForeignKey<MaterialContent>(c => c.MaterialId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Decision>(e =>
        {
            e.HasKey(d => d.Id);
            e.Property(d => d.Id).ValueGeneratedNever();
            e.Property(d => d.Comment).HasMaxLength(500);
            // One decision per approver per request: a second click, or a retry, cannot count twice.
            e.HasIndex(d => new { d.RequestId, d.ApproverId }).IsUnique();
        });

        modelBuilder.Entity<Grant>(e =>
        {
            e.HasKey(g => g.Id);
            e.Property(g => g.Id).ValueGeneratedNever();
            e.HasOne<Cabinet>().WithMany().HasForeignKey(g => g.DeviceId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(g => new { g.DeviceId, g.Counter }).IsUnique();
            // At most one live grant per request, whatever the application code does.
            e.HasIndex(g => g.RequestId).IsUnique().HasFilter("state IN ('Issued', 'Delivered', 'Accepted')")
                .HasDatabaseName("ux_grants_one_live_grant_per_request");
            // Every grant query looks for the cabinet's revoked grants that are still valid (Grants/GrantWithdrawals).
            e.HasIndex(g => new { g.DeviceId, g.ExpiresAt }).HasFilter("state = 'Revoked'").HasDatabaseName("ix_grants_revoked_by_device");
            e.ToTable(t => t.HasCheckConstraint("ck_grants_counter", "counter > 0"));
        });

        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox_messages");
            e.HasKey(o => o.Id);
            e.Property(o => o.Id).UseIdentityAlwaysColumn();
            e.HasIndex(o => o.NextAttemptAt).HasFilter("published_at IS NULL").HasDatabaseName("ix_outbox_messages_pending");
        });

        SupervisionModel.Configure(modelBuilder);
        // No foreign key to cabinets: the ingestion pipeline writes under the cabinet's row lock and checks it
        // itself, and a per-row key check would cost on the hot path.
        modelBuilder.Entity<DeviceEventRecord>(e =>
        {
            e.ToTable("device_events");
            e.HasKey(d => new { d.DeviceId, d.ChainEpoch, d.Seq });
            e.Property(d => d.DeviceId).HasMaxLength(64);
            e.HasIndex(d => d.GrantId).HasFilter("grant_id IS NOT NULL");
            e.HasIndex(d => new { d.DeviceId, d.ReceivedAt });
        });

        modelBuilder.Entity<SecurityEvent>(e =>
        {
            e.ToTable("security_events");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).UseIdentityAlwaysColumn();
            e.Property(s => s.Kind).HasMaxLength(64);
            e.HasIndex(s => new { s.DeviceId, s.OccurredAt });
            e.HasIndex(s => s.OccurredAt);
        });

        modelBuilder.Entity<EvidenceObject>(e =>
        {
            e.ToTable("evidence_objects");
            e.HasKey(o => new { o.DeviceId, o.EvidenceId });
            e.Property(o => o.EvidenceId).HasMaxLength(64);
            e.Property(o => o.ContentType).HasMaxLength(100);
            e.HasIndex(o => o.GrantId).HasFilter("grant_id IS NOT NULL");
            e.HasIndex(o => o.RequestId).HasFilter("request_id IS NOT NULL");
        });

        modelBuilder.Entity<EvidenceChunkRow>(e =>
        {
            e.ToTable("evidence_chunks");
            // No foreign key: the store is independent of the metadata, like an object store would be.
            e.HasKey(c => new { c.DeviceId, c.EvidenceId, c.Offset });
        });

        modelBuilder.Entity<NotificationRecord>(e =>
        {
            e.ToTable("notifications");
            e.HasKey(n => n.Id);
            e.Property(n => n.Id).UseIdentityAlwaysColumn();
            e.Property(n => n.Payload).HasColumnType("jsonb");
            e.HasIndex(n => new { n.VillageId, n.Id });

            // A subscriber's backlog is read through their scope: their towns' notifications and those naming them.
            e.HasIndex(n => new { n.TownId, n.Id });
            e.HasIndex(n => n.Audience).HasMethod("gin");
        });

        modelBuilder.Entity<WebhookDelivery>(e =>
        {
            e.ToTable("webhook_deliveries");
            e.HasKey(w => w.Id);
            e.Property(w => w.Id).UseIdentityAlwaysColumn();
            e.HasOne<NotificationRecord>().WithMany().HasForeignKey(w => w.NotificationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(w => w.NextAttemptAt).HasFilter("delivered_at IS NULL").HasDatabaseName("ix_webhook_deliveries_pending");
        });

        modelBuilder.Entity<PasskeyCredential>(e =>
        {
            e.HasKey(c => c.CredentialId);
            e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => c.PersonId);
        });

        // One unused code per person at most: a new invitation replaces the old one (Organization.InvitePerson).
        modelBuilder.Entity<EnrolmentCode>(e =>
        {
            e.HasKey(c => c.CodeHash);
            e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => c.PersonId).IsUnique().HasFilter("used_at IS NULL").HasDatabaseName("ix_enrolment_codes_unused_person");
        });

        modelBuilder.Entity<WebAuthnCeremony>(e =>
        {
            e.ToTable("webauthn_ceremonies");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).ValueGeneratedNever();
            e.Property(c => c.Kind).HasMaxLength(16);
            e.Property(c => c.OptionsJson).HasColumnType("jsonb");
            e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => c.ExpiresAt);
        });

        modelBuilder.Entity<OidcSignIn>(e =>
        {
            e.HasKey(s => s.StateHash);
            e.HasIndex(s => s.ExpiresAt);
        });

        modelBuilder.Entity<BrowserSession>(e =>
        {
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
            e.HasIndex(s => s.SecretHash).IsUnique();
            e.HasIndex(s => s.PersonId);
            e.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
