namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>One finding of a rule: its subject (unique per rule), where, what, and the ledger indexes that show it.</summary>
internal sealed record AnomalyFinding(string Subject, string VillageId, string? DeviceId, Guid? RequestId, string Summary, long[] Evidence);
