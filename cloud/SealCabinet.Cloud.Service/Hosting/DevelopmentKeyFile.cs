using System.Text.Json.Serialization;

namespace SealCabinet.Cloud.Service.Hosting;

/// <summary>
/// The development token settings written to <c>{data}/dev-auth.json</c>, which sealctl reads to mint
/// development tokens.
/// </summary>
internal sealed class DevelopmentKeyFile
{
    [JsonPropertyName("issuer")]
    public required string Issuer { get; init; }

    [JsonPropertyName("audience")]
    public required string Audience { get; init; }

    [JsonPropertyName("signingKey")]
    public required string SigningKey { get; init; }
}
