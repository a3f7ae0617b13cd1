using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Requests;

/// <summary>The request after an approval and the grant, when this approval completed the policy.</summary>
internal sealed record ApprovalOutcome(SealRequest Request, Grant? Grant);
