using System.Security.Cryptography;
using SealCabinet.Ledger.Approvals;
using SealCabinet.Ledger.Verification;

namespace SealCabinet.Ledger.Records;

/// <summary>
/// One ledger entry's content: a kind plus fields, encoded as canonical JSON (see <see cref="CanonicalJson"/> and
/// docs/supervision.md). The leaf hash in the Merkle tree is SHA-256(0x00 || <see cref="Bytes"/>).
/// </summary>
public sealed class LedgerRecord
{
    /// <summary>The JSON key that carries the kind.</summary>
    public const string KindField = "kind";

    private readonly byte[] bytes;

    private LedgerRecord(string kind, Dictionary<string, object> fields, byte[] bytes)
    {
        Kind = kind;
        Fields = fields;
        this.bytes = bytes;
    }

    /// <summary>Entry kind, one of <see cref="LedgerRecordKinds"/>.</summary>
    public string Kind { get; }

    /// <summary>The fields other than "kind": string, long, bool, IReadOnlyList&lt;string&gt; or IReadOnlyList&lt;long&gt; values.</summary>
    public IReadOnlyDictionary<string, object> Fields { get; }

    /// <summary>The canonical UTF-8 JSON bytes (a copy).</summary>
    public byte[] Bytes => (byte[])bytes.Clone();

    /// <summary>RFC 6962 leaf hash of the canonical bytes.</summary>
    public byte[] LeafHash() => Rfc6962Hash.Leaf(bytes);

    /// <summary>
    /// Builds a record, checking the kind, every field name and type, and the fields the kind requires.
    /// Throws <see cref="ArgumentException"/> naming the offending field.
    /// </summary>
    public static LedgerRecord Create(string kind, IReadOnlyDictionary<string, object> fields)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(fields);
        var all = new Dictionary<string, object>(StringComparer.Ordinal) { [KindField] = kind };
        foreach (var (name, value) in fields)
        {
            if (name == KindField)
            {
                throw new ArgumentException("field 'kind' is set from the kind argument and must not be repeated", nameof(fields));
            }

            CanonicalJson.CheckKey(name);
            var normalized = Normalize(name, value);
            CanonicalJson.CheckValue(name, normalized);
            all[name] = normalized;
        }

        Validate(kind, all);
        var encoded = CanonicalJson.Encode(all);
        all.Remove(KindField);
        return new LedgerRecord(kind, all, encoded);
    }

    /// <summary>
    /// Reads canonical record bytes, rejecting anything that is not byte-for-byte canonical or does not satisfy its
    /// kind's schema. Throws <see cref="FormatException"/> naming the problem.
    /// </summary>
    public static LedgerRecord Parse(ReadOnlySpan<byte> canonicalBytes)
    {
        var all = CanonicalJson.Decode(canonicalBytes);
        if (!all.TryGetValue(KindField, out var kindValue) || kindValue is not string kind)
        {
            throw new FormatException("record has no string field 'kind'");
        }

        try
        {
            Validate(kind, all);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(ex.Message, ex);
        }

        all.Remove(KindField);
        return new LedgerRecord(kind, all, canonicalBytes.ToArray());
    }

    /// <summary>The string field <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> when absent or not a string.</summary>
    public string GetText(string name) =>
        Fields.TryGetValue(name, out var v) && v is string s ? s : throw new KeyNotFoundException($"record has no string field '{name}'");

    /// <summary>The integer field <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> when absent or not an integer.</summary>
    public long GetInteger(string name) =>
        Fields.TryGetValue(name, out var v) && v is long n ? n : throw new KeyNotFoundException($"record has no integer field '{name}'");

    private static object Normalize(string name, object value) => value switch
    {
        int i => (long)i,
        uint u => (long)u,
        ulong u when u <= long.MaxValue => (long)u,
        byte[] => throw new ArgumentException($"field '{name}' is bytes; encode it as base64 or hex text first", nameof(value)),
        IEnumerable<int> ints => ints.Select(i => (long)i).ToList(),
        IEnumerable<long> longs => longs.ToList(),
        IEnumerable<ulong> ulongs => ulongs.Select(u => checked((long)u)).ToList(),
        IEnumerable<string> strings when value is not string => strings.ToList(),
        null => throw new ArgumentException($"field '{name}' is null; omit optional fields instead", nameof(value)),
        _ => value,
    };

    private static void Validate(string kind, Dictionary<string, object> all)
    {
        if (!LedgerRecordKinds.RequiredFields.TryGetValue(kind, out var required))
        {
            throw new ArgumentException($"unknown record kind '{kind}'", nameof(kind));
        }

        foreach (var (name, type) in required)
        {
            if (!all.TryGetValue(name, out var value))
            {
                throw new ArgumentException($"{kind} record lacks required field '{name}'", nameof(all));
            }

            if (!HasType(value, type))
            {
                throw new ArgumentException($"{kind} record field '{name}' must be {type}", nameof(all));
            }
        }

        switch (kind)
        {
            case LedgerRecordKinds.DeviceEvent:
                CheckDigest(kind, all, "event", "event_sha256");
                break;
            case LedgerRecordKinds.RequestApproved or LedgerRecordKinds.RequestRejected:
                ValidateSignature(kind, all, LedgerRecordKinds.DecisionSignatureFields, "statement");
                break;
            case LedgerRecordKinds.PersonCredentialRegistered:
                ValidateSignature(kind, all, LedgerRecordKinds.EndorsementSignatureFields, "endorsement");
                break;
            case LedgerRecordKinds.ApprovalStatement:
                ValidateStatement(all);
                break;
            case LedgerRecordKinds.CredentialEndorsement:
                ValidateNonce(kind, all);
                break;
        }
    }

    private static void CheckDigest(string kind, Dictionary<string, object> all, string bytesField, string digestField)
    {
        var digest = Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String((string)all[bytesField])));
        if (digest != (string)all[digestField])
        {
            throw new ArgumentException($"{kind} field '{digestField}' is {all[digestField]} but SHA-256 of '{bytesField}' is {digest}", nameof(all));
        }
    }

    /// <summary>
    /// The signature fields of a decision or an endorsed registration come all together or not at all, so that a
    /// half-signed entry cannot pass for either; the statement's digest is checked here like a device event's, its
    /// content by the verifier.
    /// </summary>
    private static void ValidateSignature(string kind, Dictionary<string, object> all, IReadOnlyDictionary<string, FieldType> fields, string statement)
    {
        var missing = fields.Keys.Where(name => !all.ContainsKey(name)).ToList();
        if (missing.Count == fields.Count)
        {
            return;
        }

        if (missing.Count > 0)
        {
            throw new ArgumentException($"{kind} record carries a signature but lacks {string.Join(", ", missing.Select(m => $"'{m}'"))}", nameof(all));
        }

        foreach (var (name, type) in fields)
        {
            if (!HasType(all[name], type))
            {
                throw new ArgumentException($"{kind} record field '{name}' must be {type}", nameof(all));
            }
        }

        CheckDigest(kind, all, statement, statement + "_sha256");
    }

    private static void ValidateStatement(Dictionary<string, object> all)
    {
        var decision = (string)all["decision"];
        if (decision is not (ApprovalStatements.Approve or ApprovalStatements.Reject))
        {
            throw new ArgumentException(
                $"approval.statement field 'decision' is '{decision}'; expected '{ApprovalStatements.Approve}' or '{ApprovalStatements.Reject}'", nameof(all));
        }

        ValidateNonce(LedgerRecordKinds.ApprovalStatement, all);
    }

    private static void ValidateNonce(string kind, Dictionary<string, object> all)
    {
        var nonce = Convert.FromBase64String((string)all["nonce"]);
        if (nonce.Length != ApprovalStatements.NonceLength)
        {
            throw new ArgumentException($"{kind} field 'nonce' must be {ApprovalStatements.NonceLength} bytes, got {nonce.Length}", nameof(all));
        }
    }

    private static bool HasType(object value, FieldType type) => type switch
    {
        FieldType.Text => value is string,
        FieldType.Integer => value is long,
        FieldType.Sha256Hex => value is string s && IsSha256Hex(s),
        FieldType.Base64 => value is string b && IsCanonicalBase64(b),
        FieldType.IntegerList => value is IReadOnlyList<long> || value is IReadOnlyList<string> { Count: 0 },

        // An empty JSON array carries no element type, so it parses as an integer list.
        FieldType.Sha256HexList => value is IReadOnlyList<string> digests ? digests.All(IsSha256Hex) : value is IReadOnlyList<long> { Count: 0 },
        _ => false,
    };

    private static bool IsSha256Hex(string s) => s.Length == 64 && s.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private static bool IsCanonicalBase64(string s)
    {
        if (s.Length % 4 != 0 || s.Any(char.IsWhiteSpace))
        {
            return false;
        }

        try
        {
            return Convert.ToBase64String(Convert.FromBase64String(s)) == s;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
