namespace SealCabinet.Cloud.Service.Hosting;

/// <summary>Key material (configuration section <c>Crypto</c>); mount it from a secret store, never a config file.</summary>
internal sealed class CryptoOptions
{
    public const string Section = "Crypto";

    /// <summary>Base64 of the 32-byte AES-256 master key that seals device secrets.</summary>
    public string? MasterKey { get; set; }
}
