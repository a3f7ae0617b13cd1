namespace SealCabinet.HardwareSim.Demo;

/// <summary>How to start the cloud service process in embedded mode.</summary>
public sealed class CloudServiceOptions
{
    /// <summary>Path of SealCabinet.Cloud.Service.dll.</summary>
    public required string ServiceDll { get; init; }

    /// <summary>The service's data directory (embedded PostgreSQL, development keys); kept after the run.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Further configuration as <c>--Key=value</c> arguments (e.g. <c>--Grants:Validity=00:00:10</c>).</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>How long to wait for the service to answer.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);
}
