namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>A person who uses the system; <see cref="Id"/> is the <c>sub</c> of their tokens.</summary>
internal sealed class Person
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public string? Phone { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>16 random bytes, new at every PIN change; null while the person has no cabinet PIN.</summary>
    public byte[]? CabinetPinSalt { get; set; }

    /// <summary>PBKDF2-HMAC-SHA256 of the PIN under <see cref="CabinetPinSalt"/> (Rosters/CabinetPin); the PIN itself is never kept.</summary>
    public byte[]? CabinetPinVerifier { get; set; }

    public int CabinetPinIterations { get; set; }

    public DateTimeOffset? CabinetPinSetAt { get; set; }

    /// <summary>The UID of the person's NFC access card (4, 7 or 10 bytes); unique across people.</summary>
    public byte[]? AccessCardUid { get; set; }

    public List<RoleAssignment> Roles { get; } = [];
}
