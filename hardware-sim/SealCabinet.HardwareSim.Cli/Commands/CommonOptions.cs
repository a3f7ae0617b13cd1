using System.CommandLine;
using System.Globalization;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.HardwareSim.Provisioning;

namespace SealCabinet.HardwareSim.Cli.Commands;

/// <summary>Options shared by several commands, and their parsing with precise errors.</summary>
internal static class CommonOptions
{
    public static Option<DirectoryInfo> Flash() => new("--flash")
    {
        Description = "The cabinet's flash directory (holds provision.bin, the journal, state and photos)",
        Required = true,
    };

    public static Option<string?> Gateway() => new("--gateway") { Description = "gRPC-Web base URL of the DeviceGateway, e.g. http://127.0.0.1:5081" };

    public static Option<string?> Mqtt() => new("--mqtt") { Description = "MQTT broker as host:port, e.g. 127.0.0.1:1883" };

    public static Option<string?> DeviceId() => new("--device-id") { Description = "Device id to provision (as registered in the cloud)" };

    public static Option<string?> Secret() => new("--secret") { Description = "Device secret to provision: 64 hex digits (from the cabinet's registration)" };

    public static Option<string> Sleeves() => new("--sleeves")
    {
        Description = "Seal kinds of sleeves 1,2,3",
        DefaultValueFactory = _ => "PARTY,COMMITTEE,COOPERATIVE",
    };

    public static (string Host, int Port) ParseBroker(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"--mqtt must be host:port with a port 1..65535 (is '{text}')");
        }

        return (text[..colon], port);
    }

    public static byte[] ParseSecret(string text)
    {
        try
        {
            var bytes = Convert.FromHexString(text);
            return bytes.Length == 32 ? bytes : throw new ArgumentException($"--secret must be 64 hex digits (32 bytes); it has {bytes.Length} bytes");
        }
        catch (FormatException)
        {
            throw new ArgumentException("--secret must be 64 hex digits");
        }
    }

    public static SealKind[] ParseSleeves(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 3)
        {
            throw new ArgumentException($"--sleeves must name three seal kinds separated by commas (is '{text}')");
        }

        return [.. parts.Select(p => p.ToUpperInvariant() switch
        {
            "PARTY" => SealKind.Party,
            "COMMITTEE" => SealKind.Committee,
            "COOPERATIVE" => SealKind.Cooperative,
            _ => throw new ArgumentException($"--sleeves: '{p}' is not PARTY, COMMITTEE or COOPERATIVE"),
        })];
    }

    /// <summary>Writes provision.bin when the provisioning options are given; all or none of them.</summary>
    public static bool ProvisionIfRequested(string flash, string? deviceId, string? secret, string? gateway, string? mqtt, string sleeves, bool evidence)
    {
        var given = new[] { deviceId, secret, gateway, mqtt }.Count(v => v is not null);
        if (given == 0)
        {
            return false;
        }

        if (given != 4)
        {
            throw new ArgumentException("to provision, give all of --device-id, --secret, --gateway and --mqtt");
        }

        var (host, port) = ParseBroker(mqtt!);
        ProvisionFile.Write(flash, new CabinetProvisioning
        {
            DeviceId = deviceId!,
            DeviceSecret = ParseSecret(secret!),
            GatewayUrl = gateway!,
            MqttHost = host,
            MqttPort = port,
            Sleeves = ParseSleeves(sleeves),
            EvidenceCapture = evidence,
        });
        return true;
    }
}
