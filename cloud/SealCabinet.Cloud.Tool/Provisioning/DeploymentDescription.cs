using System.Text.Json;
using System.Text.Json.Serialization;

namespace SealCabinet.Cloud.Tool.Provisioning;

/// <summary>
/// The deployment description `nanoff --filedeployment` reads (nanoFirmwareFlasher.Library,
/// FileDeployment/FileDeploymentManager.cs): the serial port and the files to write onto the device's drive.
/// </summary>
internal sealed class DeploymentDescription
{
    /// <summary>Where the cabinet reads its provisioning file (LittleFS drive I:).</summary>
    public const string DevicePath = "I:\\provision.bin";

    [JsonPropertyName("SerialPort")]
    public required string SerialPort { get; init; }

    [JsonPropertyName("Files")]
    public required IReadOnlyList<DeploymentFile> Files { get; init; }

    public static DeploymentDescription ForBundle(string serialPort, string bundlePath) => new()
    {
        SerialPort = serialPort,
        Files = [new DeploymentFile { DestinationFilePath = DevicePath, SourceFilePath = Path.GetFullPath(bundlePath) }],
    };

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });
}
