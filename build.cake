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

Task("Test")
    .Description("Runs every test project; fails on any failed test.")
    .IsDependentOn("Build")
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

RunTarget(target);
