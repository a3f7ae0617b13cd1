namespace SealCabinet.Cloud.Service.Ingestion;

/// <summary>A cabinet's row as read under its lock at the start of a batch transaction.</summary>
internal sealed record ChainHead(
    string Status,
    int SecretVersion,
    int ChainEpoch,
    int? AuthorizedChainEpoch,
    long LastSeq,
    byte[]? LastEventHash,
    string VillageId,
    string TownId);
