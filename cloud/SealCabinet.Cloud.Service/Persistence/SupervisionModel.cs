using Microsoft.EntityFrameworkCore;

namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>The supervision tables: the ledger, signed tree heads, anomalies and their inputs.</summary>
internal static class SupervisionModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LedgerEntry>(e =>
        {
            e.ToTable("ledger_entries", t => t.HasCheckConstraint("ck_ledger_entries_index", "index >= 0"));
            e.HasKey(l => l.Index);
            e.Property(l => l.Index).ValueGeneratedNever();
            e.Property(l => l.Kind).HasMaxLength(64);
        });

        modelBuilder.Entity<LedgerSubtreeHash>(e =>
        {
            e.ToTable("ledger_subtree_hashes");
            e.HasKey(s => new { s.Level, s.Index });
        });

        modelBuilder.Entity<LedgerTreeHead>(e =>
        {
            e.ToTable("ledger_tree_heads");
            e.HasKey(h => h.Id);
            e.Property(h => h.Id).UseIdentityAlwaysColumn();
            e.HasIndex(h => h.TreeSize);
        });

        modelBuilder.Entity<Anomaly>(e =>
        {
            e.ToTable("anomalies");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.Rule).HasMaxLength(64);
            e.Property(a => a.Subject).HasMaxLength(200);
            e.Property(a => a.Summary).HasMaxLength(1000);
            e.Property(a => a.Note).HasMaxLength(1000);
            e.Property(a => a.Status).HasConversion<string>();
            // One anomaly per rule and subject: the detector can run any number of times, on any replica.
            e.HasIndex(a => new { a.Rule, a.Subject }).IsUnique();
            e.HasIndex(a => new { a.VillageId, a.DetectedAt });
        });

        modelBuilder.Entity<BuildingRecord>(e =>
        {
            e.ToTable("building_records");
            e.HasKey(b => b.Id);
            e.Property(b => b.Id).ValueGeneratedNever();
            e.Property(b => b.Applicant).HasMaxLength(100);
            e.Property(b => b.Address).HasMaxLength(200);
            e.HasIndex(b => new { b.VillageId, b.Applicant, b.Address, b.FoundationDate }).IsUnique();
        });

        modelBuilder.Entity<DocumentCheck>(e =>
        {
            e.ToTable("document_checks");
            e.HasKey(d => new { d.DeviceId, d.EvidenceId });
        });

        modelBuilder.Entity<DeniedDecision>(e =>
        {
            e.ToTable("denied_decisions");
            e.HasKey(d => d.Id);
            e.Property(d => d.Id).ValueGeneratedNever();
            e.HasIndex(d => d.RequestId);
        });
    }
}
