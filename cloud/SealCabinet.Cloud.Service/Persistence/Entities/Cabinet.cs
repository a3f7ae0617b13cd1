namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>A seal cabinet and its device identity.</summary>
internal sealed class Cabinet
{
    public required string DeviceId { get; set; }

    public required string VillageId { get; set; }

    public Village? Village { get; set; }

    public required string Name { get; set; }

    public string Location { get; set; } = "";

    public CabinetStatus Status { get; set; }

    /// <summary>The device secret sealed under the master key (see Crypto/MasterKeyProtector).</summary>
    public required byte[] EncryptedSecret { get; set; }

    /// <summary>Incremented by every rotation.</summary>
    public int SecretVersion { get; set; }

    /// <summary>The last grant counter allocated for this device (0 before the first grant).</summary>
    public long GrantCounter { get; set; }

    public int ChainEpoch { get; set; } = 1;

    /// <summary>The epoch a technician authorised for the next chain restart, if any.</summary>
    public int? AuthorizedChainEpoch { get; set; }

    public long LastSeq { get; set; }

    /// <summary>SHA-256 of the last stored event's bytes (null before the first event of a chain).</summary>
    public byte[]? LastEventHash { get; set; }

    /// <summary>Open alarms: sleeves in the alarm state plus an open tamper alarm (Ingestion/EventProjector).</summary>
    public int OpenAlarms { get; set; }

    /// <summary>A tamper alarm was reported and the cabinet has not rebooted since.</summary>
    public bool TamperOpen { get; set; }

    public DateTimeOffset? LastEventAt { get; set; }

    public bool Online { get; set; }

    /// <summary>The custodian roster version the cabinet said it holds at its last grant query (0: none yet).</summary>
    public long RosterVersion { get; set; }

    public DateTimeOffset? OnlineChangedAt { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public DateTimeOffset? DecommissionedAt { get; set; }

    public string? DecommissionReason { get; set; }

    public List<CabinetSleeve> Sleeves { get; } = [];
}
