namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>A kind of matter a seal may be used for, with its approval policy.</summary>
internal sealed class Matter
{
    public required string Code { get; set; }

    public required string Name { get; set; }

    public List<string> AllowedSealKinds { get; set; } = [];

    /// <summary>Number of distinct approvers needed before the grant is issued (1 or 2).</summary>
    public int ApprovalsRequired { get; set; } = 1;

    public bool HouseBuilding { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
