using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.Firmware.Core.Configuration
{
    /// <summary>
    /// The provisioned configuration of a cabinet: identity, secret, endpoints, sleeve to seal mapping and
    /// behaviour windows. Read from the provisioning file (<see cref="ProvisioningFile"/>); every default
    /// below applies when the file leaves a field out. Field numbers are those of the file format.
    /// </summary>
    public sealed class DeviceConfiguration
    {
        /// <summary>Default unlock window: 30 s to lift the seal after the grant is accepted.</summary>
        public const uint DefaultUnlockWindowMs = 30000;

        /// <summary>Default return window: 5 min to put the seal back after lifting it.</summary>
        public const uint DefaultReturnWindowMs = 300000;

        /// <summary>Default press debounce: 30 ms.</summary>
        public const uint DefaultPressDebounceMs = 30;

        /// <summary>Default longest press: 10 s (longer is a sensor fault).</summary>
        public const uint DefaultMaxPressMs = 10000;

        /// <summary>Default heartbeat interval: 15 min.</summary>
        public const uint DefaultHeartbeatIntervalMs = 900000;

        /// <summary>Default grant poll interval while MQTT is connected: 10 min.</summary>
        public const uint DefaultGrantPollConnectedMs = 600000;

        /// <summary>Default grant poll interval while MQTT is down: 30 s.</summary>
        public const uint DefaultGrantPollDisconnectedMs = 30000;

        /// <summary>Default events per uploaded batch.</summary>
        public const uint DefaultUploadBatchEvents = 32;

        /// <summary>Default evidence chunk size: 8 KiB.</summary>
        public const uint DefaultEvidenceChunkBytes = 8192;

        /// <summary>Default flash budget for photos waiting for upload: 64 KiB.</summary>
        public const uint DefaultEvidenceStoreBytes = 65536;

        /// <summary>1: device id, 1..64 characters of [A-Za-z0-9._-].</summary>
        public string DeviceId { get; set; } = string.Empty;

        /// <summary>2: the 32-byte device secret.</summary>
        public byte[] DeviceSecret { get; set; } = new byte[0];

        /// <summary>3: gateway base URL for gRPC-Web (http:// or https://).</summary>
        public string GatewayUrl { get; set; } = string.Empty;

        /// <summary>4: MQTT broker host.</summary>
        public string MqttHost { get; set; } = string.Empty;

        /// <summary>5: MQTT broker port (default 1883, or 8883 with TLS).</summary>
        public uint MqttPort { get; set; }

        /// <summary>6: whether MQTT uses TLS.</summary>
        public bool MqttTls { get; set; }

        /// <summary>7, 8, 9: seal kind held by sleeves 1, 2, 3 (index 0..2); the three must differ.</summary>
        public SealKind[] SleeveSealKinds { get; set; } = new SealKind[3];

        /// <summary>10: Wi-Fi network name (used by the board layer).</summary>
        public string WifiSsid { get; set; } = string.Empty;

        /// <summary>11: Wi-Fi password (used by the board layer; never logged).</summary>
        public string WifiPassword { get; set; } = string.Empty;

        /// <summary>12: chain epoch of the first chain (default 1).</summary>
        public uint ChainEpoch { get; set; } = 1;

        /// <summary>13: unlock window in ms (1 s .. 2 min).</summary>
        public uint UnlockWindowMs { get; set; } = DefaultUnlockWindowMs;

        /// <summary>14: return window in ms (10 s .. 1 h).</summary>
        public uint ReturnWindowMs { get; set; } = DefaultReturnWindowMs;

        /// <summary>15: press debounce in ms (5 .. 500).</summary>
        public uint PressDebounceMs { get; set; } = DefaultPressDebounceMs;

        /// <summary>16: longest press in ms before a sensor fault (1 s .. 2 min).</summary>
        public uint MaxPressMs { get; set; } = DefaultMaxPressMs;

        /// <summary>17: heartbeat interval in ms (1 min .. 1 day).</summary>
        public uint HeartbeatIntervalMs { get; set; } = DefaultHeartbeatIntervalMs;

        /// <summary>18: journal segment size in bytes.</summary>
        public uint JournalSegmentBytes { get; set; } = 16 * 1024;

        /// <summary>19: journal segment count.</summary>
        public uint JournalMaxSegments { get; set; } = 8;

        /// <summary>20: grant poll interval while MQTT is connected, ms.</summary>
        public uint GrantPollConnectedMs { get; set; } = DefaultGrantPollConnectedMs;

        /// <summary>21: grant poll interval while MQTT is down, ms.</summary>
        public uint GrantPollDisconnectedMs { get; set; } = DefaultGrantPollDisconnectedMs;

        /// <summary>22: events per uploaded batch (1 .. 256).</summary>
        public uint UploadBatchEvents { get; set; } = DefaultUploadBatchEvents;

        /// <summary>23: whether photos are taken and uploaded.</summary>
        public bool EvidenceCapture { get; set; }

        /// <summary>24: evidence chunk size in bytes (1 KiB .. 32 KiB).</summary>
        public uint EvidenceChunkBytes { get; set; } = DefaultEvidenceChunkBytes;

        /// <summary>25: when the file was made, Unix ms (informational).</summary>
        public long ProvisionedAtMs { get; set; }

        /// <summary>26: flash budget for photos waiting for upload, bytes.</summary>
        public uint EvidenceStoreBytes { get; set; } = DefaultEvidenceStoreBytes;

        /// <summary>
        /// 27: the technician forced this file onto a cabinet provisioned with another identity although its
        /// journal still holds events the cloud has not acknowledged; they are dropped and the drop is recorded
        /// (FACTORY_RESET). Without it such a file is refused until the events are uploaded.
        /// </summary>
        public bool ForceWipe { get; set; }

        /// <summary>28: do not run the commissioning self-test on the first boot of this identity (test rigs only).</summary>
        public bool SkipFirstBootSelfTest { get; set; }

        /// <summary>29: run the self-test on the boot that applies this file, even for an identity already in use.</summary>
        public bool RunSelfTest { get; set; }

        /// <summary>30: CA certificate (PEM) that signed the gateway's and the broker's TLS certificates (used by the board layer; empty = none).</summary>
        public string CaCertificatePem { get; set; } = string.Empty;

        /// <summary>Largest CA certificate text accepted.</summary>
        public const int MaxCaCertificateChars = 8192;

        /// <summary>The sleeve (1..3) holding <paramref name="kind"/>, or 0.</summary>
        /// <param name="kind">A seal kind.</param>
        /// <returns>The sleeve number.</returns>
        public uint SleeveOf(SealKind kind)
        {
            for (int i = 0; i < SleeveSealKinds.Length; i++)
            {
                if (SleeveSealKinds[i] == kind)
                {
                    return (uint)(i + 1);
                }
            }

            return 0;
        }
    }
}
