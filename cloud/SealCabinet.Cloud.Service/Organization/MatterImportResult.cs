namespace SealCabinet.Cloud.Service.Organization;

/// <summary>What an import of the matter catalogue changed.</summary>
internal sealed record MatterImportResult(int Inserted, int Updated);
