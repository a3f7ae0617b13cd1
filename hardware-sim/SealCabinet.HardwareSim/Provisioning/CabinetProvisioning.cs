using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.HardwareSim.Provisioning;

/// <summary>What the technician provisions into a (simulated) cabinet. Defaults suit the simulator.</summary>
public sealed class CabinetProvisioning
{
    /// <summary>Device id (1..64 of A-Z a-z 0-9 . _ -).</summary>
    public required string DeviceId { get; init; }

    /// <summary>The 32-byte device secret handed out at registration.</summary>
    public required byte[] DeviceSecret { get; init; }

    /// <summary>gRPC-Web base URL of the gateway, e.g. http://127.0.0.1:5081.</summary>
    public required string GatewayUrl { get; init; }

    /// <summary>MQTT broker host.</summary>
    public required string MqttHost { get; init; }

    /// <summary>MQTT broker port.</summary>
    public int MqttPort { get; init; } = 1883;

    /// <summary>Whether MQTT uses TLS.</summary>
    public bool MqttTls { get; init; }

    /// <summary>Seal kind of sleeves 1, 2, 3.</summary>
    public IReadOnlyList<SealKind> Sleeves { get; init; } = [SealKind.Party, SealKind.Committee, SealKind.Cooperative];

    /// <summary>Whether the cabinet photographs and uploads evidence.</summary>
    public bool EvidenceCapture { get; init; } = true;

    /// <summary>Flash budget for photos waiting for upload (the simulated flash is roomier than a 4 MB ESP32's).</summary>
    public uint EvidenceStoreBytes { get; init; } = 512 * 1024;

    /// <summary>Unlock window in ms (null: the firmware default).</summary>
    public uint? UnlockWindowMs { get; init; }

    /// <summary>Return window in ms (null: the firmware default).</summary>
    public uint? ReturnWindowMs { get; init; }

    /// <summary>Longest press in ms before a sensor fault (null: the firmware default).</summary>
    public uint? MaxPressMs { get; init; }

    /// <summary>Grant poll interval while MQTT is down, ms (null: the firmware default).</summary>
    public uint? GrantPollDisconnectedMs { get; init; }

    /// <summary>
    /// Whether the firmware runs its commissioning self-test (a 300 ms pulse per solenoid, SELF_TEST events) on the
    /// first boot, as a real cabinet does. Off by default so scenarios start from a quiet cabinet.
    /// </summary>
    public bool CommissioningSelfTest { get; init; }

    /// <summary>Heartbeat interval in ms (null: the firmware default).</summary>
    public uint? HeartbeatIntervalMs { get; init; }
}
