using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SealCabinet.Cloud.Tool.Infrastructure;

/// <summary>
/// Mints an HS256 token with the claim format of docs/cloud.md, signed with the development key the
/// embedded service wrote to <c>{data}/dev-auth.json</c>. Only useful against a service using that key.
/// </summary>
internal static class DevelopmentToken
{
    public const string AuthFileName = "dev-auth.json";

    public static string Mint(string dataDirectory, string personId, IReadOnlyList<string> roles, TimeSpan lifetime, DateTimeOffset now)
    {
        var path = Path.Combine(dataDirectory, AuthFileName);
        if (!File.Exists(path))
        {
            throw new UsageException(
                $"{path} does not exist: start the service in embedded mode first, or pass --data-dir pointing at its data directory");
        }

        var settings = JsonNode.Parse(File.ReadAllText(path))
            ?? throw new UsageException($"{path} is empty");
        var issuer = settings["issuer"]?.GetValue<string>() ?? throw new UsageException($"{path} has no issuer");
        var audience = settings["audience"]?.GetValue<string>() ?? throw new UsageException($"{path} has no audience");
        var key = Convert.FromBase64String(settings["signingKey"]?.GetValue<string>() ?? throw new UsageException($"{path} has no signingKey"));

        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = personId,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
            ["sealcabinet_roles"] = new JsonArray([.. roles.Select(r => (JsonNode)JsonValue.Create(r)!)]),
        };
        var signingInput = Encode(header) + "." + Encode(payload);
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url(signature);
    }

    private static string Encode(JsonNode node) => Base64Url(Encoding.UTF8.GetBytes(node.ToJsonString(new JsonSerializerOptions { WriteIndented = false })));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
