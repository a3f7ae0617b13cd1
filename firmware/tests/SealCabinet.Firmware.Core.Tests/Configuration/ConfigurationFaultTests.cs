using SealCabinet.Firmware.Core.Configuration;
using SealCabinet.Firmware.Core.Firmware;
using SealCabinet.Firmware.Core.Tests.Support;
using SealCabinet.Firmware.Host.Flash;

namespace SealCabinet.Firmware.Core.Tests.Configuration;

/// <summary>A bad provisioning file leaves the cabinet in a clear fault state, never half-configured.</summary>
[TestFixture]
public sealed class ConfigurationFaultTests
{
    [TestCase("missing", ConfigurationFault.Missing)]
    [TestCase("partial", ConfigurationFault.Truncated)]
    [TestCase("corrupt", ConfigurationFault.IntegrityCheckFailed)]
    [TestCase("version", ConfigurationFault.UnsupportedVersion)]
    public void A_bad_provisioning_file_puts_the_cabinet_in_fault_with_every_sleeve_locked(string damage, ConfigurationFault expected)
    {
        InMemoryFlashStore flash = new(1 << 20);
        using Cabinet cabinet = new(flash: flash);
        byte[] file = flash.ReadAll(ProvisioningFile.FileName)!;
        switch (damage)
        {
            case "missing": flash.Delete(ProvisioningFile.FileName); break;
            case "partial": flash.Truncate(ProvisioningFile.FileName, file.Length / 2); break;
            case "corrupt": file[20] ^= 0xFF; flash.SetFile(ProvisioningFile.FileName, file); break;
            default: file[5] = 9; flash.SetFile(ProvisioningFile.FileName, file); break;
        }

        CabinetFirmware firmware = cabinet.Boot();
        cabinet.Firmware.SubmitGrant(cabinet.IssueGrant(1).ToByteArray());
        cabinet.Lift(2);
        cabinet.Run(2_000, step: 100);

        Assert.That(firmware.State, Is.EqualTo(FirmwareState.Fault));
        Assert.That(firmware.ConfigurationFault, Is.EqualTo(expected));
        Assert.That(firmware.FaultMessage, Is.Not.Empty);
        Assert.That(cabinet.Solenoids.Sum(s => s.OnCount), Is.Zero);
        Assert.That(flash.List(), Has.None.StartsWith("jnl"), "nothing is recorded without a valid identity");
        Assert.That(cabinet.Cloud.Calls, Is.Zero, "nothing is sent");
        Assert.That(cabinet.Led.History.Distinct().Count(), Is.EqualTo(2), "the status LED blinks");
    }
}
