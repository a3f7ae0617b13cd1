using SealCabinet.Firmware.Core.Firmware;
using SealCabinet.Firmware.Host.Flash;
using SealCabinet.Firmware.Host.Gpio;
using SealCabinet.Firmware.Host.Network;
using SealCabinet.Firmware.Host.Power;
using SealCabinet.HardwareSim.Board;
using SealCabinet.HardwareSim.Camera;

namespace SealCabinet.HardwareSim.Cabinet;

/// <summary>The electronics of one boot: its power rail, the seams handed to the firmware, and the firmware itself.</summary>
internal sealed class BootedElectronics
{
    public required int Number { get; init; }

    public required PowerRail Rail { get; init; }

    public required CabinetFirmware Firmware { get; init; }

    public required DirectoryFlashStore Flash { get; init; }

    public required MqttNetChannel Mqtt { get; init; }

    public required HttpClientTransport Http { get; init; }

    public required SimulatedCamera Camera { get; init; }

    public required IReadOnlyList<PoweredInput> Inputs { get; init; }

    /// <summary>Unplugs the boot's parts from the physical board.</summary>
    public void Detach()
    {
        Mqtt.Dispose();
        foreach (var input in Inputs)
        {
            input.Dispose();
        }
    }
}
