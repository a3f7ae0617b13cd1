using System.CommandLine;
using SealCabinet.Cloud.Tool.Commands;
using SealCabinet.Cloud.Tool.Infrastructure;

namespace SealCabinet.Cloud.Tool;

/// <summary>The command tree of sealctl.</summary>
internal static class SealctlApp
{
    public static async Task<int> RunAsync(string[] args) => await Build().Parse(args).InvokeAsync();

    /// <summary>The command tree (also what tests parse printed command lines with).</summary>
    public static RootCommand Build() =>
        new RootCommand("sealctl: drive the seal cabinet cloud (organisation, cabinets, seal-use requests)")
        {
            GlobalOptions.Url,
            GlobalOptions.Token,
            GlobalOptions.Json,
            TokenCommand.Create(),
            OrganizationCommands.Towns(),
            OrganizationCommands.Villages(),
            OrganizationCommands.People(),
            OrganizationCommands.Roles(),
            OrganizationCommands.Matters(),
            DeviceCommands.Create(),
            RequestCommands.Create(),
            AuditCommands.Create(),
            ReportCommand.Create(),
            ProvisionCommand.Create(),
            DecommissionCommand.Create(),
        };
}
