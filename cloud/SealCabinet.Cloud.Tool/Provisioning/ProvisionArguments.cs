using SealCabinet.Cloud.Tool.Infrastructure;
using SealCabinet.Contracts.V1;
using SealCabinet.Firmware.Core.Configuration;
using CoreSealKind = SealCabinet.Firmware.Core.Messages.SealKind;

namespace SealCabinet.Cloud.Tool.Provisioning;

/// <summary>Every argument of `sealctl provision`, checked before the cloud or the device is touched.</summary>
internal sealed class ProvisionArguments
{
    public string? VillageId { get; init; }

    public string? Name { get; init; }

    public string Location { get; init; } = "";

    /// <summary>Re-provision this registered cabinet (new secret) instead of registering a new one.</summary>
    public string? ExistingDeviceId { get; init; }

    public required SealKind[] Sleeves { get; init; }

    public required string GatewayUrl { get; init; }

    public required string MqttHost { get; init; }

    public required uint MqttPort { get; init; }

    public required bool MqttTls { get; init; }

    public required string CaCertificatePem { get; init; }

    public string? SerialPort { get; init; }

    public string? SimFlashDirectory { get; init; }

    public required string BundlePath { get; init; }

    /// <summary>Whether the cabinet photographs every stamping (the product's promise; off only with --no-evidence).</summary>
    public bool EvidenceCapture { get; init; } = true;

    public required bool ForceWipe { get; init; }

    public required TimeSpan Wait { get; init; }

    public WifiCredentials? Wifi { get; set; }

    public static SealKind[] ParseSleeves(IReadOnlyList<string>? values)
    {
        if (values is null || values.Count == 0)
        {
            return [SealKind.Party, SealKind.Committee, SealKind.Cooperative];
        }

        var kinds = new SealKind[3];
        foreach (var value in values)
        {
            var eq = value.IndexOf('=');
            if (eq < 0 || !int.TryParse(value[..eq], out var number) || number is < 1 or > 3)
            {
                throw new UsageException($"--sleeve '{value}': expected N=KIND with N 1..3, e.g. 1=party");
            }

            if (kinds[number - 1] != SealKind.Unspecified)
            {
                throw new UsageException($"--sleeve: sleeve {number} is given twice");
            }

            kinds[number - 1] = Checks.Seal(value[(eq + 1)..], "--sleeve");
        }

        if (kinds.Contains(SealKind.Unspecified) || kinds.Distinct().Count() != 3)
        {
            throw new UsageException("--sleeve: name all three sleeves with three different seal kinds (1=…, 2=…, 3=…)");
        }

        return kinds;
    }

    public static string ReadCaCertificate(string? path, bool required)
    {
        if (string.IsNullOrEmpty(path))
        {
            return required ? throw new UsageException("--ca-cert: required with an https:// gateway or --mqtt-tls (the CA certificate, PEM, that signed the servers' certificates)") : "";
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"--ca-cert: '{path}' does not exist");
        }

        var pem = File.ReadAllText(path);
        try
        {
            using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new UsageException($"--ca-cert: '{path}' is not a PEM certificate ({e.Message})");
        }

        return pem;
    }

    /// <summary>Checks the cloud-independent fields by encoding a bundle with a stand-in identity (the firmware's own rules).</summary>
    public void CheckBundleFields()
    {
        try
        {
            ProvisioningFile.Encode(ToConfiguration(ExistingDeviceId ?? "check", new byte[32], 1));
        }
        catch (ArgumentException e)
        {
            throw new UsageException("bundle: " + e.Message.Split(" (Parameter", StringSplitOptions.None)[0]);
        }
    }

    /// <summary>The bundle's configuration; <paramref name="sleeves"/> is the mapping the cloud holds (default: <see cref="Sleeves"/>).</summary>
    public DeviceConfiguration ToConfiguration(string deviceId, byte[] secret, uint chainEpoch, SealKind[]? sleeves = null) => new()
    {
        DeviceId = deviceId,
        DeviceSecret = secret,
        GatewayUrl = GatewayUrl,
        MqttHost = MqttHost,
        MqttPort = MqttPort,
        MqttTls = MqttTls,
        SleeveSealKinds = [.. (sleeves ?? Sleeves).Select(k => (CoreSealKind)(int)k)],
        WifiSsid = Wifi?.Ssid ?? "",
        WifiPassword = Wifi?.Password ?? "",
        ChainEpoch = chainEpoch,
        EvidenceCapture = EvidenceCapture,
        ForceWipe = ForceWipe,
        CaCertificatePem = CaCertificatePem,
        ProvisionedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
    };
}
