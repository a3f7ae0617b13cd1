using System.Security.Cryptography;
using SealCabinet.Firmware.Core.Configuration;

namespace SealCabinet.HardwareSim.Provisioning;

/// <summary>
/// Writes and reads the firmware's provisioning file ("provision.bin", format of the core's
/// <see cref="ProvisioningFile"/>) in a simulated cabinet's flash directory: what the technician's tool puts on a
/// real cabinet over USB (<c>sealctl provision --sim-flash DIR</c> uses it).
/// </summary>
public static class ProvisionFile
{
    /// <summary>A fresh random 32-byte device secret.</summary>
    /// <returns>The secret.</returns>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(32);

    /// <summary>The configuration for <paramref name="provisioning"/>.</summary>
    /// <param name="provisioning">What to provision.</param>
    /// <returns>The configuration (not yet validated).</returns>
    public static DeviceConfiguration ToConfiguration(CabinetProvisioning provisioning)
    {
        ArgumentNullException.ThrowIfNull(provisioning);
        if (provisioning.Sleeves.Count != 3)
        {
            throw new ArgumentException($"sleeves must name three seal kinds (has {provisioning.Sleeves.Count})", nameof(provisioning));
        }

        if (provisioning.MqttPort is < 1 or > 65535)
        {
            throw new ArgumentException($"mqtt_port must be 1..65535 (is {provisioning.MqttPort})", nameof(provisioning));
        }

        var configuration = new DeviceConfiguration
        {
            DeviceId = provisioning.DeviceId,
            DeviceSecret = provisioning.DeviceSecret,
            GatewayUrl = provisioning.GatewayUrl,
            MqttHost = provisioning.MqttHost,
            MqttPort = (uint)provisioning.MqttPort,
            MqttTls = provisioning.MqttTls,
            SleeveSealKinds = [.. provisioning.Sleeves],
            EvidenceCapture = provisioning.EvidenceCapture,
            EvidenceStoreBytes = provisioning.EvidenceStoreBytes,
            ProvisionedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            SkipFirstBootSelfTest = !provisioning.CommissioningSelfTest,
        };
        configuration.UnlockWindowMs = provisioning.UnlockWindowMs ?? configuration.UnlockWindowMs;
        configuration.ReturnWindowMs = provisioning.ReturnWindowMs ?? configuration.ReturnWindowMs;
        configuration.MaxPressMs = provisioning.MaxPressMs ?? configuration.MaxPressMs;
        configuration.GrantPollDisconnectedMs = provisioning.GrantPollDisconnectedMs ?? configuration.GrantPollDisconnectedMs;
        configuration.HeartbeatIntervalMs = provisioning.HeartbeatIntervalMs ?? configuration.HeartbeatIntervalMs;
        return configuration;
    }

    /// <summary>Writes a valid provisioning file into <paramref name="flashDirectory"/> (creating it).</summary>
    /// <param name="flashDirectory">The cabinet's flash directory.</param>
    /// <param name="provisioning">What to provision.</param>
    /// <returns>The file's path.</returns>
    /// <exception cref="ArgumentException">A field is invalid; the message names it. Nothing is written.</exception>
    public static string Write(string flashDirectory, CabinetProvisioning provisioning)
    {
        ArgumentException.ThrowIfNullOrEmpty(flashDirectory);
        var bytes = ProvisioningFile.Encode(ToConfiguration(provisioning));
        Directory.CreateDirectory(flashDirectory);
        var path = Path.Combine(flashDirectory, ProvisioningFile.FileName);

        // The tool (not the device) writes it: whole file or nothing.
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>Reads and validates the provisioning file of <paramref name="flashDirectory"/>.</summary>
    /// <param name="flashDirectory">The cabinet's flash directory.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="InvalidDataException">Missing or invalid; the message says why, naming the field.</exception>
    public static DeviceConfiguration Read(string flashDirectory)
    {
        var path = Path.Combine(flashDirectory, ProvisioningFile.FileName);
        var result = ProvisioningFile.Decode(File.Exists(path) ? File.ReadAllBytes(path) : null);
        return result.IsValid
            ? result.Configuration!
            : throw new InvalidDataException($"{path}: {result.Message}");
    }
}
