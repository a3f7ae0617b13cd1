using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Bench;

/// <summary>One simulated cabinet: its identity and its pre-signed batches, consumed in order across the phases.</summary>
internal sealed class BenchCabinet(string deviceId, byte[] secret)
{
    public string DeviceId { get; } = deviceId;

    public byte[] Secret { get; } = secret;

    /// <summary>Batches of consecutive signed events (nonce set when sent).</summary>
    public List<Wire.EventBatch> Batches { get; } = [];

    /// <summary>The first this many batches are the StreamEvents phase's, the rest the PushEvents phase's.</summary>
    public int StreamBatches { get; set; }

    /// <summary>Index of the next batch to send.</summary>
    public int Next { get; set; }

    /// <summary>Highest acknowledged seq.</summary>
    public ulong Acked { get; set; }
}
