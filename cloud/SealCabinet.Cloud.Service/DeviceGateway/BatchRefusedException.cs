using SealCabinet.Cloud.Service.Common;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>
/// A batch refused as a whole, before anything was stored: PushEvents answers <see cref="Kind"/> as its gRPC
/// status, StreamEvents answers an ack carrying <see cref="Reason"/> and keeps the stream open.
/// </summary>
internal sealed class BatchRefusedException(CloudErrorKind kind, Wire.RejectionReason reason, string message) : Exception(message)
{
    public CloudErrorKind Kind { get; } = kind;

    public Wire.RejectionReason Reason { get; } = reason;
}
