using SealCabinet.Contracts.V1;

namespace SealCabinet.HardwareSim.Tests.Gateway;

/// <summary>An event the test gateway accepted: the exact signed bytes and their decoding.</summary>
internal sealed record StoredEvent(ulong Seq, byte[] EventBytes, DeviceEvent Event);
