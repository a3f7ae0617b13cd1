using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Rosters;

/// <summary>The custodian roster of one cabinet at one version, before it is encoded and MAC'd.</summary>
internal sealed record CabinetRoster(string DeviceId, long Version, DateTimeOffset IssuedAt, CabinetAuthPolicy Policy, IReadOnlyList<RosterEntry> Entries);
