using System.Text.Json.Serialization;

namespace SealCabinet.Cloud.Tool.Provisioning;

/// <summary>One file of a <see cref="DeploymentDescription"/> (an empty source deletes the destination).</summary>
internal sealed class DeploymentFile
{
    [JsonPropertyName("DestinationFilePath")]
    public required string DestinationFilePath { get; init; }

    [JsonPropertyName("SourceFilePath")]
    public required string SourceFilePath { get; init; }
}
