namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>A village (村) with the seals it holds.</summary>
internal sealed class Village
{
    public required string Id { get; set; }

    public required string TownId { get; set; }

    public Town? Town { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<VillageSeal> Seals { get; } = [];
}
