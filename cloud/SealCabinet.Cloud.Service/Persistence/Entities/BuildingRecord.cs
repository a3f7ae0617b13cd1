namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>An external house-building record (from the land office): who dug foundations where and when.</summary>
internal sealed class BuildingRecord
{
    public Guid Id { get; set; }

    public required string VillageId { get; set; }

    public required string Applicant { get; set; }

    public required string Address { get; set; }

    public DateOnly FoundationDate { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}
