// Build entry point: ./build.sh --target=<Target>. See README.md for what each target does.
var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var solution = File("./SealCabinet.slnx");
var testResults = Directory("./artifacts/test-results");

Task("Build")
    .Description("Builds every project of the solution with warnings as errors.")
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
});

Task("Bench")
    .Description("Load test of device ingestion against the real service and PostgreSQL, with bare COPY and naive EF baselines.")
    .Does(() =>
{
    DotNetRun("./cloud/bench/SealCabinet.Cloud.Bench/SealCabinet.Cloud.Bench.csproj", new DotNetRunSettings { Configuration = "Release" });
});

Task("Demo")
    .Description("Plays the article's story end to end: cloud in embedded mode + a simulated cabinet (--keep=true leaves both running).")
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
