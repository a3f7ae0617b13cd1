namespace SealCabinet.Cloud.Service.Rosters;

/// <summary>An encoded <c>CustodianRoster</c> and its MAC under the cabinet's roster key.</summary>
internal sealed record SignedRosterBytes(long Version, byte[] Payload, byte[] Mac);
