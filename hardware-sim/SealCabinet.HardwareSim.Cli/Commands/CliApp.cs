using System.CommandLine;

namespace SealCabinet.HardwareSim.Cli.Commands;

/// <summary>The sealsim command tree.</summary>
internal static class CliApp
{
    public static RootCommand Build() => new("sealsim: a virtual seal cabinet running the unchanged firmware core on a simulated board")
    {
        ProvisionCommand.Create(),
        RunCommand.Create(),
        ScenarioCommand.Create(),
        FleetCommand.Create(),
        DemoCommand.Create(),
        CloudCommand.Create(),
    };
}
