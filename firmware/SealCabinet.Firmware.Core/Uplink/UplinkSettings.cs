namespace SealCabinet.Firmware.Core.Uplink
{
    /// <summary>Tuning of the uplink.</summary>
    public sealed class UplinkSettings
    {
        /// <summary>Events per PushEvents batch.</summary>
        public int BatchEvents { get; set; } = 32;

        /// <summary>Bytes per evidence chunk.</summary>
        public int ChunkBytes { get; set; } = 8192;

        /// <summary>Grant poll interval while MQTT is connected.</summary>
        public long PollConnectedMs { get; set; } = 600000;

        /// <summary>Grant poll interval while MQTT is down.</summary>
        public long PollDisconnectedMs { get; set; } = 30000;

        /// <summary>First backoff ceiling after a failure.</summary>
        public long InitialBackoffMs { get; set; } = 1000;

        /// <summary>Largest backoff ceiling.</summary>
        public long MaxBackoffMs { get; set; } = 300000;
    }
}
