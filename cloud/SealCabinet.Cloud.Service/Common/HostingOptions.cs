namespace SealCabinet.Cloud.Service.Common;

/// <summary>General hosting settings (configuration section <c>Hosting</c>).</summary>
internal sealed class HostingOptions
{
    public const string Section = "Hosting";

    /// <summary>Where the embedded mode keeps its PostgreSQL cluster and development keys (relative to the current directory).</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>Lets the Production environment run with generated development keys (never do this for real).</summary>
    public bool AllowDevelopmentKeys { get; set; }

    public string DataDirectoryPath => Path.GetFullPath(DataDirectory);
}
