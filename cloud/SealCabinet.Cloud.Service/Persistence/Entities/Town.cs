namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>A town (镇/街道); a town scope covers all its villages.</summary>
internal sealed class Town
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<Village> Villages { get; } = [];
}
