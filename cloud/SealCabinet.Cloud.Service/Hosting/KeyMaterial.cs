using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SealCabinet.Cloud.Service.Common;

namespace SealCabinet.Cloud.Service.Hosting;

/// <summary>
/// Resolves the master key and the token signing key: from configuration, or (embedded mode) from
/// generated development files under the data directory, logged loudly as development-only.
/// </summary>
internal sealed class KeyMaterial(
    IOptions<HostingOptions> hosting,
    IOptions<CryptoOptions> crypto,
    IOptions<AuthOptions> auth,
    IHostEnvironment environment,
    ILogger<KeyMaterial> logger)
{
    public const string MasterKeyFileName = "dev-master-key";
    public const string AuthFileName = "dev-auth.json";
    private readonly Lock _gate = new();
    private byte[]? _masterKey;
    private DevelopmentKeyFile? _auth;

    public byte[] MasterKey
    {
        get
        {
            lock (_gate)
            {
                return _masterKey ??= LoadMasterKey();
            }
        }
    }

    /// <summary>The HS256 signing settings, or null when an OIDC authority is configured.</summary>
    public DevelopmentKeyFile? SymmetricSigning
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(auth.Value.Authority))
            {
                return null;
            }

            lock (_gate)
            {
                return _auth ??= LoadSigning();
            }
        }
    }

    private byte[] LoadMasterKey()
    {
        var configured = crypto.Value.MasterKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var key = Decode(configured, "Crypto:MasterKey");
            return key.Length == 32 ? key : throw new InvalidOperationException($"Crypto:MasterKey must be 32 bytes, it is {key.Length}.");
        }

        RefuseInProduction("Crypto:MasterKey");
        var path = Path.Combine(DataDirectory(), MasterKeyFileName);
        if (!File.Exists(path))
        {
            WritePrivate(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }

        logger.LogWarning("DEVELOPMENT ONLY: device secrets are sealed with the generated master key in {Path}; set Crypto:MasterKey from a secret in production", path);
        return Decode(File.ReadAllText(path).Trim(), path);
    }

    private DevelopmentKeyFile LoadSigning()
    {
        var settings = auth.Value;
        if (!string.IsNullOrWhiteSpace(settings.SigningKey))
        {
            var key = Decode(settings.SigningKey, "Auth:SigningKey");
            if (key.Length < 32)
            {
                throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes.");
            }

            return new DevelopmentKeyFile { Issuer = settings.Issuer, Audience = settings.Audience, SigningKey = settings.SigningKey };
        }

        RefuseInProduction("Auth:Authority");
        var path = Path.Combine(DataDirectory(), AuthFileName);
        if (!File.Exists(path))
        {
            var created = new DevelopmentKeyFile
            {
                Issuer = settings.Issuer,
                Audience = settings.Audience,
                SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            };
            WritePrivate(path, JsonSerializer.Serialize(created));
        }

        var file = JsonSerializer.Deserialize<DevelopmentKeyFile>(File.ReadAllText(path))
            ?? throw new InvalidOperationException($"{path} is empty.");
        logger.LogWarning(
            "DEVELOPMENT ONLY: people's tokens are checked against the generated signing key in {Path} (issuer {Issuer}); configure Auth:Authority in production",
            path, file.Issuer);
        return file;
    }

    private void RefuseInProduction(string setting)
    {
        if (!environment.IsDevelopment() && !hosting.Value.AllowDevelopmentKeys)
        {
            throw new InvalidOperationException(
                $"{setting} is not configured and the environment is {environment.EnvironmentName}, not Development: refusing to use a development key " +
                "(configure it, or set Hosting:AllowDevelopmentKeys=true for a throw-away installation).");
        }
    }

    private string DataDirectory()
    {
        var path = hosting.Value.DataDirectoryPath;
        Directory.CreateDirectory(path);
        return path;
    }

    private static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static byte[] Decode(string base64, string source)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{source} is not valid base64.");
        }
    }
}
