using System.Xml.Linq;

// Build entry point: ./build.sh --target=<Target>. See README.md for what each target does.
var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var solution = File("./SealCabinet.slnx");
var testResults = Directory("./artifacts/test-results");
var webConsole = Directory("./cloud/SealCabinet.Cloud.Console");

// npm in the web console's folder; a failure stops the build.
void Npm(string arguments)
{
    var exitCode = StartProcess("npm", new ProcessSettings { Arguments = arguments, WorkingDirectory = webConsole });
    if (exitCode != 0)
    {
        throw new Exception($"npm {arguments} failed in {webConsole} (exit code {exitCode}).");
    }
}

Task("Console")
    .Description("Installs the web console's npm packages from its lockfile and builds it into artifacts/console/.")
    .Does(() =>
{
    Npm("ci --no-audit --no-fund");
    Npm("run build");
});

Task("Build")
    .Description("Builds the web console, then every project of the solution with warnings as errors.")
    .IsDependentOn("Console")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration });
});

Task("Firmware-Check")
    .Description("Compiles the firmware core and the ESP32 board layer against nanoFramework's own mscorlib.")
    .Does(() =>
{
    // The core alone, then core + board layer + Program against mscorlib and the compile-only stand-in.
    DotNetBuild("./firmware/SealCabinet.Firmware.Core/SealCabinet.Firmware.Core.Nano.csproj", new DotNetBuildSettings { Configuration = configuration });
    DotNetBuild("./firmware/SealCabinet.Firmware.Esp32/SealCabinet.Firmware.Esp32.Check.csproj", new DotNetBuildSettings { Configuration = configuration });
});

Task("Firmware-Image")
    .Description("Builds the real ESP32 image where nanoFramework's build tools exist; otherwise says what is missing.")
    .Does(() =>
{
    var exitCode = StartProcess("bash", new ProcessSettings { Arguments = $"firmware/build-image.sh {configuration}" });
    if (exitCode == 2)
    {
        throw new Exception("The nanoFramework build tools are missing on this machine (see the message above); the image was not built.");
    }

    if (exitCode != 0)
    {
        throw new Exception($"The firmware image build failed (exit code {exitCode}).");
    }
});

Task("Test")
    .Description("Runs every test project; fails on any failed test.")
    .IsDependentOn("Build")
    .IsDependentOn("Firmware-Check")
    .Does(() =>
{
    CleanDirectory(testResults);
    Npm("test");
    try
    {
        DotNetTest(solution, new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            NoRestore = true,
            ResultsDirectory = testResults,
            Loggers = { "trx", "console;verbosity=normal" },
            // A hung test must fail the run long before CI's limit, with a dump of where it hung.
            ArgumentCustomization = args => args.Append("--blame-hang-timeout 10m"),
        });
    }
    catch
    {
        PrintTestFailures();
        throw;
    }
});

// The projects' outputs interleave and CI keeps only the log's tail: repeat every failure (and every aborted
// run's message) from the result files as the last thing printed.
void PrintTestFailures()
{
    XNamespace trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    foreach (var file in GetFiles($"{testResults}/*.trx"))
    {
        var run = XDocument.Load(file.FullPath);
        foreach (var result in run.Descendants(trx + "UnitTestResult").Where(r => (string)r.Attribute("outcome") == "Failed"))
        {
            var message = result.Descendants(trx + "Message").FirstOrDefault()?.Value ?? string.Empty;
            var stack = result.Descendants(trx + "StackTrace").FirstOrDefault()?.Value ?? string.Empty;
            Error("FAILED {0} ({1})\n{2}\n{3}", result.Attribute("testName")?.Value, file.GetFilename(), message, string.Join("\n", stack.Split('\n').Take(12)));
        }

        foreach (var text in run.Descendants(trx + "RunInfo").Where(i => (string)i.Attribute("outcome") == "Error").Select(i => i.Value))
        {
            Error("RUN ERROR ({0}): {1}", file.GetFilename(), text);
        }
    }
}

Task("Bench")
    .Description("Load test of device ingestion against the real service and PostgreSQL, with bare COPY and naive EF baselines.")
    .Does(() =>
{
    DotNetRun("./cloud/bench/SealCabinet.Cloud.Bench/SealCabinet.Cloud.Bench.csproj", new DotNetRunSettings { Configuration = "Release" });
});

Task("Bench-Console")
    .Description("The web console's figures in a real browser: the inbox on a throttled phone profile, approval tapped → sleeve unlocked.")
    .IsDependentOn("Build")
    .Does(() =>
{
    DotNetTest("./hardware-sim/tests/SealCabinet.HardwareSim.EndToEnd.Tests/SealCabinet.HardwareSim.EndToEnd.Tests.csproj", new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        Filter = "Category=Bench",
        Loggers = { "console;verbosity=detailed" },
    });
});

Task("Demo")
    .Description("Plays the article's story end to end: cloud in embedded mode + a simulated cabinet (--keep=true leaves both running).")
    .IsDependentOn("Console")
    .Does(() =>
{
    // Building the simulator's CLI builds the cloud service with it; the demo starts that service as a child process.
    DotNetBuild("./hardware-sim/SealCabinet.HardwareSim.Cli/SealCabinet.HardwareSim.Cli.csproj", new DotNetBuildSettings { Configuration = "Release" });
    var arguments = Argument("keep", false) ? "demo --keep" : "demo";
    var exitCode = StartProcess("dotnet", new ProcessSettings { Arguments = $"artifacts/bin/SealCabinet.HardwareSim.Cli/release/sealsim.dll {arguments}" });
    if (exitCode != 0)
    {
        throw new Exception($"The demo failed (exit code {exitCode}); the timeline above shows the step.");
    }
});

RunTarget(target);
