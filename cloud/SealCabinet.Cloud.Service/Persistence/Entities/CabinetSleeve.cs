namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>One sleeve of a cabinet and the seal kind it holds.</summary>
internal sealed class CabinetSleeve
{
    public required string DeviceId { get; set; }

    public int Number { get; set; }

    public required string SealKind { get; set; }

    public SleeveState State { get; set; }
}
