using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SealCabinet.HardwareSim.Demo;

/// <summary>
/// Mints people's development tokens (HS256 JWT) from the embedded service's <c>{data}/dev-auth.json</c>, with the
/// claims the service reads: <c>sub</c>, <c>name</c>, <c>sealcabinet_roles</c> (docs/cloud.md, "Claims").
/// </summary>
public sealed class DevelopmentTokens
{
    private readonly string _issuer;
    private readonly string _audience;
    private readonly byte[] _key;

    private DevelopmentTokens(string issuer, string audience, byte[] key)
    {
        _issuer = issuer;
        _audience = audience;
        _key = key;
    }

    /// <summary>Reads the key file the service wrote, waiting for it to appear.</summary>
    /// <param name="dataDirectory">The service's data directory.</param>
    /// <param name="timeout">How long to wait for the file.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The minter.</returns>
    /// <exception cref="InvalidDataException">The file is missing or incomplete.</exception>
    public static async Task<DevelopmentTokens> LoadAsync(string dataDirectory, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(dataDirectory, "dev-auth.json");
        var deadline = DateTime.UtcNow + timeout;
        while (!File.Exists(path) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path} does not exist: is the service running in embedded mode?");
        }

        var settings = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)) ?? throw new InvalidDataException($"{path} is empty");
        return new DevelopmentTokens(
            settings["issuer"]?.GetValue<string>() ?? throw new InvalidDataException($"{path} has no issuer"),
            settings["audience"]?.GetValue<string>() ?? throw new InvalidDataException($"{path} has no audience"),
            Convert.FromBase64String(settings["signingKey"]?.GetValue<string>() ?? throw new InvalidDataException($"{path} has no signingKey")));
    }

    /// <summary>A token for a person with the given role claims, valid for two hours.</summary>
    /// <param name="personId">The person (sub).</param>
    /// <param name="name">Display name.</param>
    /// <param name="roles">Role claims such as custodian@village:yiqiao.</param>
    /// <returns>The token.</returns>
    public string Mint(string personId, string name, params string[] roles)
    {
        var now = DateTimeOffset.UtcNow;
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["iss"] = _issuer,
            ["aud"] = _audience,
            ["sub"] = personId,
            ["name"] = name,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + TimeSpan.FromHours(2)).ToUnixTimeSeconds(),
            ["sealcabinet_roles"] = new JsonArray([.. roles.Select(r => (JsonNode)JsonValue.Create(r)!)]),
        };
        var input = Encode(header) + "." + Encode(payload);
        return input + "." + Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(input)));
    }

    private static string Encode(JsonNode node) => Base64Url(Encoding.UTF8.GetBytes(node.ToJsonString(new JsonSerializerOptions { WriteIndented = false })));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
