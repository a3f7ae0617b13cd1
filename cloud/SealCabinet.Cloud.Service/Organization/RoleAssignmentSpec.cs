using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Organization;

/// <summary>A role assignment as the caller describes it (validated by <see cref="OrganizationService"/>).</summary>
internal sealed record RoleAssignmentSpec(PersonRole Role, string? VillageId, string? TownId, string? SealKind);
