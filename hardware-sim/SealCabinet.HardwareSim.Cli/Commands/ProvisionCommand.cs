using System.CommandLine;
using SealCabinet.HardwareSim.Provisioning;

namespace SealCabinet.HardwareSim.Cli.Commands;

/// <summary><c>provision</c>: writes provision.bin into a flash directory (what the technician's tool does over USB).</summary>
internal static class ProvisionCommand
{
    public static Command Create()
    {
        var flash = CommonOptions.Flash();
        var deviceId = CommonOptions.DeviceId();
        var secret = CommonOptions.Secret();
        var gateway = CommonOptions.Gateway();
        var mqtt = CommonOptions.Mqtt();
        var sleeves = CommonOptions.Sleeves();
        var noEvidence = new Option<bool>("--no-evidence") { Description = "Do not take and upload photos" };
        var command = new Command("provision", "Write a provisioning file into a simulated cabinet's flash directory")
        {
            flash, deviceId, secret, gateway, mqtt, sleeves, noEvidence,
        };
        command.SetAction(result =>
        {
            try
            {
                var directory = result.GetValue(flash)!.FullName;
                if (!CommonOptions.ProvisionIfRequested(directory, result.GetValue(deviceId), result.GetValue(secret), result.GetValue(gateway), result.GetValue(mqtt), result.GetValue(sleeves)!, !result.GetValue(noEvidence)))
                {
                    throw new ArgumentException("give --device-id, --secret, --gateway and --mqtt");
                }

                var configuration = ProvisionFile.Read(directory);
                Console.WriteLine($"provisioned {configuration.DeviceId} in {directory} (gateway {configuration.GatewayUrl}, broker {configuration.MqttHost}:{configuration.MqttPort})");
                return 0;
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
