namespace SealCabinet.Firmware.Esp32.Tests;

/// <summary>Locates the repository's firmware folder and the metadata of the builds under test.</summary>
internal static class RepositoryFiles
{
    public static string FirmwareDirectory
    {
        get
        {
            DirectoryInfo? dir = new(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "SealCabinet.slnx")))
            {
                dir = dir.Parent;
            }

            if (dir == null)
            {
                throw new InvalidOperationException("SealCabinet.slnx not found above " + AppContext.BaseDirectory);
            }

            return Path.Combine(dir.FullName, "firmware");
        }
    }

    public static string Esp32Directory => Path.Combine(FirmwareDirectory, "SealCabinet.Firmware.Esp32");

    public static string StandInDirectory => Path.Combine(FirmwareDirectory, "SealCabinet.Firmware.Esp32.StandIn");

    public static string CheckAssemblyPath => Path.Combine(AppContext.BaseDirectory, "SealCabinet.Firmware.Esp32.Check.dll");

    public static string StandInAssemblyPath => Path.Combine(AppContext.BaseDirectory, "SealCabinet.Firmware.Esp32.StandIn.dll");

    /// <summary>The board layer and Program sources (what the stand-in must serve).</summary>
    public static string[] BoardSources()
    {
        List<string> files = [.. Directory.GetFiles(Path.Combine(Esp32Directory, "Board"), "*.cs", SearchOption.AllDirectories)];
        files.Add(Path.Combine(Esp32Directory, "Program.cs"));
        return [.. files.Select(File.ReadAllText)];
    }
}
