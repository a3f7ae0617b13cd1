namespace SealCabinet.Ledger.Bundles;

/// <summary>
/// One stamping (a cabinet's <c>SLEEVE_UNLOCKED</c> event in a <c>device.event</c> entry) and whether the grant it used
/// is backed by a signed approval in the ledger.
/// </summary>
/// <param name="EntryIndex">Index of the device.event entry.</param>
/// <param name="DeviceId">The cabinet.</param>
/// <param name="GrantCounter">The grant counter the event names.</param>
/// <param name="RequestId">The request of the grant, empty when no grant.issued of that cabinet and counter precedes it.</param>
/// <param name="Status">How the grant stands; <see cref="GrantApprovalStatus.NoSignedApproval"/> also when the grant is unknown.</param>
/// <param name="Detail">Readable reason.</param>
public sealed record StampingFinding(ulong EntryIndex, string DeviceId, ulong GrantCounter, string RequestId, GrantApprovalStatus Status, string Detail);
