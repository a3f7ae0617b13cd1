namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>One seal a village holds.</summary>
internal sealed class VillageSeal
{
    public required string VillageId { get; set; }

    public required string SealKind { get; set; }
}
