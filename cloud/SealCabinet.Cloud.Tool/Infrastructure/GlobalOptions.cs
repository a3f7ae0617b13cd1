using System.CommandLine;

namespace SealCabinet.Cloud.Tool.Infrastructure;

/// <summary>Options every command understands.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string> Url = new("--url")
    {
        Description = "Address of the service's native gRPC endpoint (env SEALCTL_URL)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SEALCTL_URL") ?? "http://127.0.0.1:5080",
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "Bearer token (default: env SEALCTL_TOKEN); mint one in embedded mode with 'sealctl token'",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write JSON (for scripts) instead of tables",
        Recursive = true,
    };
}
