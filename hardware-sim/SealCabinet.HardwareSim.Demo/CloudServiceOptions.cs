namespace SealCabinet.HardwareSim.Demo;

/// <summary>How to start the cloud service process in embedded mode.</summary>
public sealed record CloudServiceOptions
{
    /// <summary>Path of SealCabinet.Cloud.Service.dll.</summary>
    public required string ServiceDll { get; init; }

    /// <summary>The service's data directory (embedded PostgreSQL, development keys); kept after the run.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Further configuration as <c>--Key=value</c> arguments (e.g. <c>--Grants:Validity=00:00:10</c>).</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>Native gRPC port; 0 = a free one. Fixed ports let a restarted service keep its addresses.</summary>
    public int GrpcPort { get; init; }

    /// <summary>gRPC-Web port; 0 = a free one.</summary>
    public int GrpcWebPort { get; init; }

    /// <summary>Embedded MQTT broker port; 0 = a free one.</summary>
    public int MqttPort { get; init; }

    /// <summary>How long to wait for the service to answer.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);
}
