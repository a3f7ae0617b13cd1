using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>What a committed batch left behind: the acknowledgement and what was newly stored.</summary>
internal sealed record BatchOutcome(Wire.PushAck Ack, int StoredEvents);
