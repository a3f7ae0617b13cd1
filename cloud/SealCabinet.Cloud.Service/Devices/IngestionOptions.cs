namespace SealCabinet.Cloud.Service.Devices;

/// <summary>Configuration section <c>Ingestion</c>.</summary>
internal sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>A cabinet counts as online while its MQTT status says so or its last event arrived within this window.</summary>
    public TimeSpan OnlineWindow { get; set; } = TimeSpan.FromMinutes(10);
}
