using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Host.Clock;
using SealCabinet.HardwareSim.Cabinet;
using SealCabinet.HardwareSim.Provisioning;
using SealCabinet.HardwareSim.Tests.Gateway;

namespace SealCabinet.HardwareSim.Tests.Cabinet;

/// <summary>Provisions a cabinet registered with the test gateway and pointed at the test broker.</summary>
internal static class TestCabinet
{
    public static (SimulatedCabinet Cabinet, GatewayDevice Device) Create(string purpose, bool virtualTime, uint? returnWindowMs = null, uint? maxPressMs = null, bool sealIdReader = true, bool realTimeClock = false)
    {
        var flash = TestDirectory.Create(purpose);
        var deviceId = $"sim-{purpose}-{Guid.NewGuid():N}"[..40];
        var secret = ProvisionFile.NewSecret();
        ProvisionFile.Write(flash, new CabinetProvisioning
        {
            DeviceId = deviceId,
            DeviceSecret = secret,
            GatewayUrl = TestServices.Gateway.BaseUrl,
            MqttHost = TestServices.Broker.Host,
            MqttPort = TestServices.Broker.Port,
            Sleeves = [SealKind.Party, SealKind.Committee, SealKind.Cooperative],
            ReturnWindowMs = returnWindowMs,
            MaxPressMs = maxPressMs,
        });
        var device = TestServices.Gateway.Register(deviceId, secret);
        var cabinet = new SimulatedCabinet(new SimulatedCabinetOptions
        {
            FlashDirectory = flash,
            Time = virtualTime ? new ManualClock() : new SystemMonotonicClock(),
            SealIdReader = sealIdReader,
            RealTimeClock = realTimeClock,
        });
        return (cabinet, device);
    }
}
