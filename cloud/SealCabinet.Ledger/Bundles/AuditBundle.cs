using System.Text;
using System.Text.Json;
using SealCabinet.Ledger.Signing;

namespace SealCabinet.Ledger.Bundles;

/// <summary>
/// An exported audit bundle (format "sealcabinet-audit-bundle/1", docs/supervision.md): the ledger public key,
/// signed tree heads (ascending by size; the last is the latest), the entries [EntriesStart, latest size) each with
/// an inclusion proof against the latest head, and consistency proofs into the latest size.
/// </summary>
public sealed class AuditBundle
{
    /// <summary>The value of the "format" member.</summary>
    public const string FormatName = "sealcabinet-audit-bundle/1";

    /// <summary>Ledger public key, SubjectPublicKeyInfo DER.</summary>
    public required byte[] PublicKey { get; init; }

    /// <summary>Signed tree heads, ascending by size; the last is the latest.</summary>
    public required IReadOnlyList<SignedTreeHead> TreeHeads { get; init; }

    /// <summary>Index of the first entry in the bundle.</summary>
    public required ulong EntriesStart { get; init; }

    /// <summary>The entries, ascending by index.</summary>
    public required IReadOnlyList<BundleEntry> Entries { get; init; }

    /// <summary>Consistency proofs (from each earlier head, and from requested sizes, to the latest size).</summary>
    public required IReadOnlyList<BundleConsistencyProof> ConsistencyProofs { get; init; }

    /// <summary>Writes the bundle as indented UTF-8 JSON.</summary>
    public byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteString("ledger_public_key", Convert.ToBase64String(PublicKey));
            w.WriteString("ledger_key_id", Convert.ToHexStringLower(Verification.TreeHeadSignature.KeyId(PublicKey)));
            w.WriteStartArray("tree_heads");
            foreach (var head in TreeHeads)
            {
                w.WriteStartObject();
                w.WriteNumber("tree_size", head.TreeSize);
                w.WriteString("root_hash", Convert.ToHexStringLower(head.RootHash));
                w.WriteNumber("timestamp_ms", head.TimestampMs);
                w.WriteString("signature", Convert.ToBase64String(head.Signature));
                w.WriteString("key_id", Convert.ToHexStringLower(head.KeyId));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("entries_start", EntriesStart);
            w.WriteStartArray("entries");
            foreach (var entry in Entries)
            {
                w.WriteStartObject();
                w.WriteNumber("index", entry.Index);
                w.WriteString("kind", entry.Kind);
                w.WriteNumber("appended_ms", entry.AppendedMs);
                w.WriteString("record", Convert.ToBase64String(entry.Record));
                w.WriteString("leaf_hash", Convert.ToHexStringLower(entry.LeafHash));
                WriteHashes(w, "inclusion_proof", entry.InclusionProof);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("consistency_proofs");
            foreach (var proof in ConsistencyProofs)
            {
                w.WriteStartObject();
                w.WriteNumber("first_size", proof.FirstSize);
                w.WriteNumber("second_size", proof.SecondSize);
                WriteHashes(w, "proof", proof.Proof);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Reads a bundle; throws <see cref="FormatException"/> naming the JSON member that is wrong.</summary>
    public static AuditBundle Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException ex)
        {
            throw new FormatException("bundle is not valid JSON: " + ex.Message, ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("bundle must be a JSON object");
            }

            var format = Text(root, "format", "$");
            if (format != FormatName)
            {
                throw new FormatException($"$.format is '{format}', expected '{FormatName}'");
            }

            var heads = Array(root, "tree_heads", "$").Select((h, i) =>
            {
                var at = $"$.tree_heads[{i}]";
                return new SignedTreeHead(
                    Unsigned(h, "tree_size", at), Hash(h, "root_hash", at), Signed(h, "timestamp_ms", at), Bytes(h, "signature", at), Hash(h, "key_id", at));
            }).ToList();
            var entries = Array(root, "entries", "$").Select((e, i) =>
            {
                var at = $"$.entries[{i}]";
                return new BundleEntry(
                    Unsigned(e, "index", at), Text(e, "kind", at), Bytes(e, "record", at), Signed(e, "appended_ms", at), Hash(e, "leaf_hash", at),
                    Hashes(e, "inclusion_proof", at));
            }).ToList();
            var proofs = Array(root, "consistency_proofs", "$").Select((p, i) =>
            {
                var at = $"$.consistency_proofs[{i}]";
                return new BundleConsistencyProof(Unsigned(p, "first_size", at), Unsigned(p, "second_size", at), Hashes(p, "proof", at));
            }).ToList();
            return new AuditBundle
            {
                PublicKey = Bytes(root, "ledger_public_key", "$"),
                TreeHeads = heads,
                EntriesStart = Unsigned(root, "entries_start", "$"),
                Entries = entries,
                ConsistencyProofs = proofs,
            };
        }
    }

    private static void WriteHashes(Utf8JsonWriter w, string name, IReadOnlyList<byte[]> hashes)
    {
        w.WriteStartArray(name);
        foreach (var hash in hashes)
        {
            w.WriteStringValue(Convert.ToHexStringLower(hash));
        }

        w.WriteEndArray();
    }

    private static JsonElement Member(JsonElement parent, string name, string at, JsonValueKind kind)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            throw new FormatException($"{at}.{name} is missing");
        }

        if (value.ValueKind != kind)
        {
            throw new FormatException($"{at}.{name} must be a JSON {kind.ToString().ToLowerInvariant()}, got {value.ValueKind.ToString().ToLowerInvariant()}");
        }

        return value;
    }

    private static string Text(JsonElement parent, string name, string at) => Member(parent, name, at, JsonValueKind.String).GetString()!;

    private static IEnumerable<JsonElement> Array(JsonElement parent, string name, string at) =>
        Member(parent, name, at, JsonValueKind.Array).EnumerateArray();

    private static ulong Unsigned(JsonElement parent, string name, string at) =>
        Member(parent, name, at, JsonValueKind.Number).TryGetUInt64(out var n) ? n : throw new FormatException($"{at}.{name} must be a non-negative integer");

    private static long Signed(JsonElement parent, string name, string at) =>
        Member(parent, name, at, JsonValueKind.Number).TryGetInt64(out var n) ? n : throw new FormatException($"{at}.{name} must be an integer");

    private static byte[] Bytes(JsonElement parent, string name, string at)
    {
        try
        {
            return Convert.FromBase64String(Text(parent, name, at));
        }
        catch (FormatException ex) when (ex.Message.IndexOf(at, StringComparison.Ordinal) < 0)
        {
            throw new FormatException($"{at}.{name} is not valid base64", ex);
        }
    }

    private static byte[] Hash(JsonElement parent, string name, string at) => ParseHash(Text(parent, name, at), $"{at}.{name}");

    private static List<byte[]> Hashes(JsonElement parent, string name, string at) =>
        Array(parent, name, at).Select((h, i) => h.ValueKind == JsonValueKind.String
            ? ParseHash(h.GetString()!, $"{at}.{name}[{i}]")
            : throw new FormatException($"{at}.{name}[{i}] must be a hex string")).ToList();

    private static byte[] ParseHash(string hex, string at)
    {
        if (hex.Length != 64 || hex.Any(c => c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f'))))
        {
            throw new FormatException($"{at} must be 64 lowercase hexadecimal digits");
        }

        return Convert.FromHexString(hex);
    }

    /// <inheritdoc />
    public override string ToString() => Encoding.UTF8.GetString(ToJson());
}
