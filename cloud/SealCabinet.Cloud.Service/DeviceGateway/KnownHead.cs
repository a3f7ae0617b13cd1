namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>A device's chain head as this replica last stored it: the expectation of the one-statement fast path.</summary>
internal sealed record KnownHead(int SecretVersion, int ChainEpoch, long LastSeq, byte[] LastHash);
