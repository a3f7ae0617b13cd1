namespace SealCabinet.Ledger.Records;

/// <summary>The type a ledger record field must have.</summary>
public enum FieldType
{
    /// <summary>A JSON string.</summary>
    Text,

    /// <summary>A JSON integer within ±(2^53 − 1).</summary>
    Integer,

    /// <summary>A JSON string of 64 lowercase hexadecimal digits (a SHA-256 digest).</summary>
    Sha256Hex,

    /// <summary>A JSON string holding standard, padded base64 (RFC 4648 §4).</summary>
    Base64,

    /// <summary>A JSON array of integers.</summary>
    IntegerList,

    /// <summary>A JSON array of strings, each 64 lowercase hexadecimal digits (SHA-256 digests).</summary>
    Sha256HexList,
}
