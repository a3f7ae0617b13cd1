namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>
/// One role of a person in one scope: a village, a town, or (both null) the whole deployment.
/// </summary>
internal sealed class RoleAssignment
{
    public Guid Id { get; set; }

    public required string PersonId { get; set; }

    public PersonRole Role { get; set; }

    public string? TownId { get; set; }

    public string? VillageId { get; set; }

    /// <summary>The seal kind an approver approves; null for every other role.</summary>
    public string? SealKind { get; set; }

    public DateTimeOffset AssignedAt { get; set; }
}
