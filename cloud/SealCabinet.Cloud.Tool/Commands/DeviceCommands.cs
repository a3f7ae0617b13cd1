using System.CommandLine;
using System.Globalization;
using SealCabinet.Cloud.Tool.Infrastructure;
using SealCabinet.Cloud.Tool.Provisioning;
using SealCabinet.Contracts.V1;
using Spectre.Console;

namespace SealCabinet.Cloud.Tool.Commands;

/// <summary>Cabinet registry commands.</summary>
internal static class DeviceCommands
{
    public static Command Create() => new("devices", "Register and list cabinets") { Register(), List(), Show(), AuthorizeChainRestart() };

    private static Command Register()
    {
        var village = new Option<string>("--village") { Description = "Village the cabinet stands in", Required = true };
        var name = new Option<string>("--name") { Description = "Cabinet name", Required = true };
        var location = new Option<string?>("--location") { Description = "Where it stands" };
        var command = new Command("register", "Register a cabinet (technician); prints its device secret ONCE") { village, name, location };
        command.SetAction(Handler.Run(async (parse, ct) =>
        {
            var request = new RegisterCabinetRequest
            {
                VillageId = Checks.Slug(parse.GetValue(village), "--village"),
                Name = Checks.Text(parse.GetValue(name), "--name", 100),
                Location = Checks.Text(parse.GetValue(location), "--location", 200, required: false),
            };
            using var cloud = CloudConnection.Connect(parse);
            var response = await cloud.Devices.RegisterCabinetAsync(request, cancellationToken: ct);
            Output.Write(parse, response, () => Output.Properties(
                ("device id", response.Cabinet.DeviceId),
                ("village", response.Cabinet.VillageId),
                ("sleeves", string.Join(", ", response.Cabinet.Sleeves.Select(s => $"{s.Number}={Output.Name(s.SealKind)}"))),
                ("device secret (hex, shown once)", Convert.ToHexStringLower(response.DeviceSecret.ToByteArray())),
                ("mqtt password (external broker)", DeviceKeys.MqttPassword(response.DeviceSecret.ToByteArray())),
                ("grants topic", response.GrantsTopic),
                ("status topic", response.StatusTopic)));
        }));
        return command;
    }

    private static Command List()
    {
        var village = new Option<string?>("--village") { Description = "Only this village" };
        var town = new Option<string?>("--town") { Description = "Only this town" };
        var all = new Option<bool>("--all") { Description = "Include decommissioned cabinets" };
        var command = new Command("list", "List cabinets in your scope") { village, town, all };
        command.SetAction(Handler.Run(async (parse, ct) =>
        {
            var request = new ListCabinetsRequest { IncludeDecommissioned = parse.GetValue(all), Page = new PageRequest { PageSize = 500 } };
            if (parse.GetValue(village) is { } v)
            {
                request.VillageId = Checks.Slug(v, "--village");
            }

            if (parse.GetValue(town) is { } t)
            {
                request.TownId = Checks.Slug(t, "--town");
            }

            using var cloud = CloudConnection.Connect(parse);
            var response = await cloud.Devices.ListCabinetsAsync(request, cancellationToken: ct);
            Output.Write(parse, response, () =>
            {
                var table = Output.Table("Device", "Village", "Name", "Status", "Online", "Last seq", "Registered");
                foreach (var c in response.Cabinets)
                {
                    table.AddRow(Handler.Escape(c.DeviceId), Handler.Escape(c.VillageId), Handler.Escape(c.Name), Output.Name(c.Status),
                        c.Online ? "yes" : "no", c.LastSeq.ToString(CultureInfo.InvariantCulture), Output.Time(c.RegisteredTime));
                }

                return table;
            });
        }));
        return command;
    }

    private static Command Show()
    {
        var device = new Argument<string>("device-id") { Description = "The cabinet" };
        var command = new Command("show", "One cabinet as the cloud sees it: state, self-test, refused calls and logins, diagnosis") { device };
        command.SetAction(Handler.Run(async (parse, ct) =>
        {
            var request = new GetCabinetRequest { DeviceId = Checks.Text(parse.GetValue(device), "device-id", 64) };
            using var cloud = CloudConnection.Connect(parse);
            var c = (await cloud.Devices.GetCabinetAsync(request, cancellationToken: ct)).Cabinet;
            Output.Write(parse, c, () => Output.Properties(
                ("device id", c.DeviceId),
                ("village", c.VillageId),
                ("name", c.Name),
                ("status", Output.Name(c.Status)),
                ("online (MQTT)", c.Online ? "yes" : "no"),
                ("last event", $"seq {c.LastSeq} (chain epoch {c.ChainEpoch}) at {Output.Time(c.LastEventTime)}"),
                ("open alarms", c.OpenAlarms.ToString(CultureInfo.InvariantCulture)),
                ("custodian roster held", c.RosterVersion == 0 ? "none confirmed yet" : "v" + c.RosterVersion.ToString(CultureInfo.InvariantCulture)),
                ("last self-test", c.LastSelfTest.Length == 0 ? "none" : $"{c.LastSelfTest} at {Output.Time(c.LastSelfTestTime)}"),
                ("refused for a wrong secret", $"{c.AuthFailures} (bad-MAC calls and MQTT logins with a wrong password since the last accepted event)"),
                ("last rejection", c.LastRejection.Length == 0 ? "none" : c.LastRejection),
                ("grants refused, clock untrusted", c.NoTrustedTimeRefusals.ToString(CultureInfo.InvariantCulture)),
                ("diagnosis", Diagnosis(c))));
        }));
        return command;
    }

    /// <summary>The commissioning diagnosis when something is wrong; nothing to say for a cabinet that works.</summary>
    private static string Diagnosis(Cabinet c) =>
        c.AuthFailures > 0 || c.NoTrustedTimeRefusals > 0 || c.LastRejection.Length > 0 || !CommissioningReport.IsComplete(c)
            ? CommissioningReport.Diagnose(c)
            : "none: the cabinet has called home and reported its self-test";

    private static Command AuthorizeChainRestart()
    {
        var device = new Argument<string>("device-id") { Description = "The cabinet whose journal was wiped" };
        var reason = new Option<string>("--reason") { Description = "Why (recorded as a security event)", Required = true };
        var command = new Command("authorize-chain-restart", "Let a wiped cabinet start a new event chain (technician; audited)") { device, reason };
        command.SetAction(Handler.Run(async (parse, ct) =>
        {
            var request = new AuthorizeChainRestartRequest
            {
                DeviceId = Checks.Text(parse.GetValue(device), "device-id", 64),
                Reason = Checks.Text(parse.GetValue(reason), "--reason", 500),
            };
            using var cloud = CloudConnection.Connect(parse);
            var response = await cloud.Devices.AuthorizeChainRestartAsync(request, cancellationToken: ct);
            Output.Write(parse, response, () => Output.Properties(
                ("device id", request.DeviceId),
                ("next chain epoch", response.NextChainEpoch.ToString(CultureInfo.InvariantCulture))));
        }));
        return command;
    }
}
