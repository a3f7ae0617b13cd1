using System.Diagnostics;

namespace SealCabinet.Cloud.Tool.Provisioning;

/// <summary>Finds nanoFramework's flasher on PATH, runs the file deployment, and spells out the manual commands.</summary>
internal static class Nanoff
{
    public const string Target = "ESP32_PSRAM_REV3";
    public const string ImagePath = "firmware/SealCabinet.Firmware.Esp32/bin/Release/SealCabinet.Firmware.Esp32.bin";

    public static string? FindOnPath(string? pathVariable)
    {
        if (string.IsNullOrEmpty(pathVariable))
        {
            return null;
        }

        string[] names = OperatingSystem.IsWindows() ? ["nanoff.exe", "nanoff.cmd"] : ["nanoff"];
        foreach (var directory in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The commands a technician runs by hand: flash the runtime, deploy the application, deploy the file.</summary>
    public static IReadOnlyList<string> ManualCommands(string serialPort, string descriptionPath) =>
    [
        $"nanoff --update --target {Target} --serialport {serialPort}",
        $"nanoff --target {Target} --serialport {serialPort} --deploy --image {ImagePath}",
        $"nanoff --filedeployment {Quote(descriptionPath)} --serialport {serialPort}",
    ];

    public static async Task<(int ExitCode, string Output)> DeployAsync(string nanoff, string descriptionPath, string serialPort, CancellationToken ct)
    {
        var start = new ProcessStartInfo(nanoff)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--filedeployment");
        start.ArgumentList.Add(descriptionPath);
        start.ArgumentList.Add("--serialport");
        start.ArgumentList.Add(serialPort);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("nanoff did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? "\"" + path + "\"" : path;
}
