namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>A one-time unlock grant; <see cref="Payload"/> and <see cref="Mac"/> are the exact signed bytes.</summary>
internal sealed class Grant
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    public required string DeviceId { get; set; }

    public int Sleeve { get; set; }

    public required string SealKind { get; set; }

    public long Counter { get; set; }

    public int PressesAllowed { get; set; }

    public int PressesUsed { get; set; }

    public GrantState State { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset NotBefore { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public required byte[] DocumentDigest { get; set; }

    public required string MatterCode { get; set; }

    /// <summary>The person the grant is for (the request's custodian), named in the MAC'd grant.</summary>
    public string CustodianId { get; set; } = string.Empty;

    /// <summary>
    /// SHA-256 of the concatenated SHA-256 digests of the signed approval statements, in decision order; null when any
    /// approval was recorded unsigned (Requests/DecisionSignatures).
    /// </summary>
    public byte[]? ApprovalDigest { get; set; }

    /// <summary>The encoded UnlockGrant, stored so every delivery path sends identical bytes.</summary>
    public required byte[] Payload { get; set; }

    public required byte[] Mac { get; set; }

    public string? RefusalReason { get; set; }

    public DateTimeOffset StateChangedAt { get; set; }
}
