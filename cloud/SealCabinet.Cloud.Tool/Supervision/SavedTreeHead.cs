using System.Text.Json;
using SealCabinet.Ledger.Signing;

namespace SealCabinet.Cloud.Tool.Supervision;

/// <summary>
/// A tree head a supervisor keeps between inspections: the JSON object of a bundle's <c>tree_heads</c> element
/// (tree_size, root_hash hex, timestamp_ms, signature base64, key_id hex; docs/supervision.md §5).
/// </summary>
internal static class SavedTreeHead
{
    public static string ToJson(SignedTreeHead head) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["tree_size"] = head.TreeSize,
        ["root_hash"] = Convert.ToHexStringLower(head.RootHash),
        ["timestamp_ms"] = head.TimestampMs,
        ["signature"] = Convert.ToBase64String(head.Signature),
        ["key_id"] = Convert.ToHexStringLower(head.KeyId),
    });

    /// <summary>Reads a saved head; <paramref name="source"/> names the file in errors.</summary>
    public static SignedTreeHead Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return new SignedTreeHead(
                root.GetProperty("tree_size").GetUInt64(),
                Hash(root, "root_hash"),
                root.GetProperty("timestamp_ms").GetInt64(),
                Convert.FromBase64String(root.GetProperty("signature").GetString() ?? ""),
                Hash(root, "key_id"));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new Infrastructure.UsageException($"{source}: not a saved tree head ({e.Message})");
        }
    }

    private static byte[] Hash(JsonElement root, string name)
    {
        var bytes = Convert.FromHexString(root.GetProperty(name).GetString() ?? "");
        return bytes.Length == 32 ? bytes : throw new FormatException($"{name} must be 32 bytes of hex");
    }
}
