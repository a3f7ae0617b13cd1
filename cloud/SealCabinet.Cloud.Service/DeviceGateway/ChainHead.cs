using SealCabinet.Cloud.Service.Recording;

namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>A cabinet's row as read under its lock at the start of a batch transaction.</summary>
internal sealed record ChainHead(
    string Status,
    int SecretVersion,
    int ChainEpoch,
    int? AuthorizedChainEpoch,
    long LastSeq,
    byte[]? LastEventHash,
    string VillageId,
    string TownId)
{
    public CabinetPlace Place => new(VillageId, TownId);
}
