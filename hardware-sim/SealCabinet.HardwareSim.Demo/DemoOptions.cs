namespace SealCabinet.HardwareSim.Demo;

/// <summary>How the demo runs.</summary>
public sealed class DemoOptions
{
    /// <summary>The cloud service to start.</summary>
    public required CloudServiceOptions Cloud { get; init; }

    /// <summary>Limit for each wait of the story.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
