using SealCabinet.Firmware.Core.Configuration;
using SealCabinet.Firmware.Core.Firmware;
using SealCabinet.Firmware.Core.Tests.Support;
using SealCabinet.Firmware.Host.Flash;
using ET = SealCabinet.Contracts.V1.EventType;

namespace SealCabinet.Firmware.Core.Tests.Provisioning;

/// <summary>
/// A corrupt, truncated, tampered or wrong-version bundle leaves the cabinet "not provisioned", never
/// half-configured, and is reported as CONFIG_FAULT once the cabinet can talk again.
/// </summary>
[TestFixture]
public sealed class BadBundleTests
{
    public static readonly string[] Damages = ["truncated", "corrupt", "tampered", "version", "magic", "bad-field"];

    [TestCaseSource(nameof(Damages))]
    public void A_bad_bundle_on_a_blank_cabinet_configures_nothing(string damage)
    {
        InMemoryFlashStore flash = new(1 << 20);
        using Cabinet cabinet = new(online: false, flash: flash, withRoster: false);
        flash.SetFile(ProvisioningFile.FileName, Damage(flash.ReadAll(ProvisioningFile.FileName)!, damage));

        CabinetFirmware firmware = cabinet.Boot();
        cabinet.Run(2_000, step: 100);

        Assert.That(firmware.State, Is.EqualTo(FirmwareState.Fault));
        Assert.That(firmware.DeviceId, Is.Empty);
        Assert.That(flash.List().Order(), Is.EqualTo(new[] { "cfgnote.a", ProvisioningFile.FileName }), "only the note for a later CONFIG_FAULT is written");
        Assert.That(cabinet.Solenoids.Sum(s => s.OnCount), Is.Zero);
        Assert.That(cabinet.Led.History.Distinct().Count(), Is.EqualTo(2), "the not-provisioned blink");
    }

    [TestCaseSource(nameof(Damages))]
    public void A_bad_bundle_on_a_provisioned_cabinet_keeps_its_journal_and_is_reported_once_a_good_one_is_back(string damage)
    {
        using Cabinet cabinet = new(online: false);
        cabinet.Boot();
        cabinet.PressOnce(1);
        byte[] good = cabinet.Flash.ReadAll(ProvisioningFile.FileName)!;
        int before = cabinet.JournalEvents().Count;
        cabinet.Flash.SetFile(ProvisioningFile.FileName, Damage(good, damage));

        CabinetFirmware faulted = cabinet.PowerCycle();
        cabinet.Run(1_000, step: 100);
        Assert.That(faulted.State, Is.EqualTo(FirmwareState.Fault));
        Assert.That(cabinet.JournalEvents().Count, Is.EqualTo(before), "nothing recorded, nothing wiped");

        cabinet.Flash.SetFile(ProvisioningFile.FileName, good);
        CabinetFirmware running = cabinet.PowerCycle();

        Assert.That(running.State, Is.EqualTo(FirmwareState.Running));
        List<Contracts.V1.DeviceEvent> events = cabinet.JournalEvents();
        Assert.That(events.Count, Is.EqualTo(before + 2), "the same chain goes on: BOOT, CONFIG_FAULT");
        Assert.That(events[^1].Type, Is.EqualTo(ET.ConfigFault));
        Assert.That(events[^1].Detail, Does.StartWith("earlier provisioning file refused ("));
    }

    private static byte[] Damage(byte[] good, string damage)
    {
        byte[] file = (byte[])good.Clone();
        switch (damage)
        {
            case "truncated":
                return file[..(file.Length - 40)];
            case "corrupt":
                file[12] ^= 0x01;
                return file;
            case "tampered":
                // A changed payload byte near the end (the sleeve mapping) with the digest left as it was.
                file[^40] ^= 0x55;
                return file;
            case "version":
                file[5] = 2;
                return file;
            case "magic":
                file[0] = (byte)'X';
                return file;
            default:
                return WithOutOfRangeField(good);
        }
    }

    /// <summary>A well-formed file with a correct digest whose unlock window (field 13) is 1 ms, below its 1000 ms minimum.</summary>
    private static byte[] WithOutOfRangeField(byte[] valid)
    {
        byte[] payload = new byte[valid.Length - 10 - 32 + 6];
        Array.Copy(valid, 10, payload, 0, valid.Length - 42);
        int n = valid.Length - 42;
        payload[n] = 13 << 3;
        payload[n + 1] = 0x80 | 0x01; // 1 as a two-byte varint: unlock_window_ms = 1 (below 1000)
        payload[n + 2] = 0x00;
        byte[] trimmed = payload[..(n + 3)];
        byte[] file = new byte[10 + trimmed.Length + 32];
        Array.Copy(valid, 0, file, 0, 10);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(6), (uint)trimmed.Length);
        trimmed.CopyTo(file, 10);
        System.Security.Cryptography.SHA256.HashData(file.AsSpan(0, 10 + trimmed.Length)).CopyTo(file, 10 + trimmed.Length);
        return file;
    }
}
