namespace SealCabinet.LocalServices.Tests;

/// <summary>A fresh directory under the test run's work folder, unique per call.</summary>
internal static class TestDirectory
{
    public static string Create(string purpose)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "local-services", purpose + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
