using Microsoft.Extensions.Options;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Ledger.Signing;

namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>
/// The ledger signing key: from <c>Ledger:SigningKey</c>, or (embedded mode) generated once into
/// <c>{data}/dev-ledger-key.pem</c> and logged as development-only.
/// </summary>
internal sealed class LedgerKeySource(
    IOptions<LedgerOptions> options,
    IOptions<HostingOptions> hosting,
    IHostEnvironment environment,
    ILogger<LedgerKeySource> logger) : IDisposable
{
    public const string DevelopmentKeyFileName = "dev-ledger-key.pem";
    private readonly Lock _gate = new();
    private LedgerSigningKey? _key;

    public LedgerSigningKey Key
    {
        get
        {
            lock (_gate)
            {
                return _key ??= Load();
            }
        }
    }

    public void Dispose() => _key?.Dispose();

    private LedgerSigningKey Load()
    {
        var configured = options.Value.SigningKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            try
            {
                return LedgerSigningKey.FromPem(configured);
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException("Ledger:SigningKey: " + e.Message, e);
            }
        }

        if (!environment.IsDevelopment() && !hosting.Value.AllowDevelopmentKeys)
        {
            throw new InvalidOperationException(
                $"Ledger:SigningKey is not configured and the environment is {environment.EnvironmentName}, not Development: refusing to use a development key " +
                "(configure it, or set Hosting:AllowDevelopmentKeys=true for a throw-away installation).");
        }

        var directory = hosting.Value.DataDirectoryPath;
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, DevelopmentKeyFileName);
        if (!File.Exists(path))
        {
            using var generated = LedgerSigningKey.Generate();
            File.WriteAllText(path, generated.ExportPkcs8Pem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        var key = LedgerSigningKey.FromPem(File.ReadAllText(path));
        logger.LogWarning(
            "DEVELOPMENT ONLY: tree heads are signed with the generated ledger key in {Path} (key id {KeyId}); set Ledger:SigningKey from a secret in production",
            path, Convert.ToHexStringLower(key.PublicKey.KeyId));
        return key;
    }
}
