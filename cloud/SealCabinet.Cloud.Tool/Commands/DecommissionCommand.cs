using System.CommandLine;
using SealCabinet.Cloud.Tool.Infrastructure;
using SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Tool.Commands;

/// <summary>`sealctl decommission`: takes a cabinet out of service (also the roll-back of an abandoned provisioning).</summary>
internal static class DecommissionCommand
{
    public static Command Create()
    {
        var device = new Option<string>("--device-id") { Description = "The cabinet", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (recorded in the ledger)", Required = true };
        var command = new Command("decommission", "Take a cabinet out of service: grants revoked, later events rejected") { device, reason };
        command.SetAction(Handler.Run(async (parse, ct) =>
        {
            var request = new DecommissionCabinetRequest
            {
                DeviceId = Checks.Text(parse.GetValue(device), "--device-id", 64),
                Reason = Checks.Text(parse.GetValue(reason), "--reason", 500),
            };
            using var cloud = CloudConnection.Connect(parse);
            var response = await cloud.Devices.DecommissionCabinetAsync(request, cancellationToken: ct);
            Console.Out.WriteLine($"decommissioned {response.Cabinet.DeviceId}; {response.RevokedGrants} grant(s) revoked");
        }));
        return command;
    }
}
