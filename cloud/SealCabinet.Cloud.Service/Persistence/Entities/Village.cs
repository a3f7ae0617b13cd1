namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>A village (村) with the seals it holds.</summary>
internal sealed class Village
{
    public required string Id { get; set; }

    public required string TownId { get; set; }

    public Town? Town { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public CabinetAuthPolicy CabinetAuthPolicy { get; set; } = CabinetAuthPolicy.Pin;

    /// <summary>
    /// Raised in the transaction of every change the village's cabinets must learn (custodian roles, PINs, cards, the
    /// policy); a cabinet keeps the highest roster version it verified (Rosters/RosterPublisher).
    /// </summary>
    public long RosterVersion { get; set; } = 1;

    public List<VillageSeal> Seals { get; } = [];
}
