namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>Ledger settings (configuration section <c>Ledger</c>).</summary>
internal sealed class LedgerOptions
{
    public const string Section = "Ledger";

    /// <summary>PEM of the ECDSA P-256 ledger signing key (PKCS#8 or SEC 1); empty: a generated development key.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>How often a replica checks whether the ledger grew and signs a new tree head.</summary>
    public TimeSpan SignInterval { get; set; } = TimeSpan.FromMinutes(5);
}
