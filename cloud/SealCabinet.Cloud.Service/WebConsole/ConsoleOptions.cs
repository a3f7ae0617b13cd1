namespace SealCabinet.Cloud.Service.WebConsole;

/// <summary>Where the built web console is (configuration section <c>Console</c>).</summary>
internal sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>The directory holding the built console (index.html, assets/…); by default <c>console/</c> beside the service's binaries.</summary>
    public string Directory { get; set; } = Path.Combine(AppContext.BaseDirectory, "console");
}
