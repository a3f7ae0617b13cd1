namespace SealCabinet.HardwareSim.Tests;

/// <summary>A fresh directory under the test run's work folder, unique per call.</summary>
internal static class TestDirectory
{
    public static string Create(string purpose)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "hardware-sim", purpose + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }
}
