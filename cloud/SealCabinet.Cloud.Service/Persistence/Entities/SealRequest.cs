namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>A seal-use request filed by a custodian.</summary>
internal sealed class SealRequest
{
    public Guid Id { get; set; }

    public required string VillageId { get; set; }

    public required string SealKind { get; set; }

    public required string MatterCode { get; set; }

    public required string ApplicantName { get; set; }

    public required string Purpose { get; set; }

    public int Copies { get; set; }

    public required string CustodianId { get; set; }

    /// <summary>The cabinet chosen at submission and the sleeve holding the requested seal.</summary>
    public required string DeviceId { get; set; }

    public int Sleeve { get; set; }

    /// <summary>SHA-256 of the first material: the document the grant binds.</summary>
    public required byte[] DocumentSha256 { get; set; }

    /// <summary>The matter's approval policy at submission time.</summary>
    public int ApprovalsRequired { get; set; }

    public RequestState State { get; set; }

    public string? IdempotencyKey { get; set; }

    public string? CancelReason { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public List<RequestMaterial> Materials { get; } = [];

    public List<Decision> Decisions { get; } = [];

    public List<Grant> Grants { get; } = [];
}
