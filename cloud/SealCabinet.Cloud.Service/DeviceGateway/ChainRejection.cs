using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>The event a batch stopped at, and why.</summary>
internal sealed record ChainRejection(Wire.RejectionReason Reason, long Seq, int? Epoch, string SecurityKind, string Detail);
