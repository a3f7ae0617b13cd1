using System.Security.Cryptography;
using SealCabinet.Firmware.Core.Configuration;
using SealCabinet.Firmware.Core.Firmware;
using SealCabinet.Firmware.Core.Tests.Support;
using ET = SealCabinet.Contracts.V1.EventType;

namespace SealCabinet.Firmware.Core.Tests.Provisioning;

/// <summary>A new identity or a factory reset never drops un-uploaded events unless forced, and a forced drop is recorded.</summary>
[TestFixture]
public sealed class ReprovisioningTests
{
    [Test]
    public void A_file_for_another_device_is_refused_while_events_are_not_uploaded()
    {
        using Cabinet old = new(online: false);
        old.Boot();
        old.PressOnce(1);
        int before = old.JournalEvents().Count;
        using Cabinet next = Successor(old, sameDeviceId: false, force: false);

        CabinetFirmware firmware = old.PowerCycle();

        Assert.That(firmware.DeviceId, Is.EqualTo(old.DeviceId), "the applied identity keeps running");
        Assert.That(firmware.IsBlocked, Is.True);
        Assert.That(firmware.Provisioning!.Action, Is.EqualTo(ProvisioningAction.RefusedPendingEvents));
        List<Contracts.V1.DeviceEvent> events = old.JournalEvents();
        Assert.That(events.Count, Is.GreaterThan(before), "nothing was dropped and the refusal is recorded");
        Assert.That(events.Last().Type, Is.EqualTo(ET.ConfigFault));
        Assert.That(events.Last().Detail, Does.Contain(next.DeviceId).And.Contain("not uploaded"));
    }

    [Test]
    public void A_refused_file_applies_by_itself_once_the_old_events_are_uploaded()
    {
        using Cabinet old = new(online: true);
        old.Boot();
        using Cabinet next = Successor(old, sameDeviceId: false, force: false);
        CabinetFirmware firmware = old.PowerCycle();
        Assert.That(firmware.IsBlocked, Is.True);

        for (int i = 0; i < 120 && firmware.DeviceId == old.DeviceId; i++)
        {
            old.Run(1000, step: 100);
        }

        Assert.That(firmware.DeviceId, Is.EqualTo(next.DeviceId));
        Assert.That(firmware.IsBlocked, Is.False);
        Assert.That(old.Cloud.StoredEvents().Select(e => e.Type), Does.Contain(ET.ConfigFault), "the cloud got the old identity's events, the refusal included");
        List<Contracts.V1.DeviceEvent> events = next.JournalEvents();
        Assert.That(events[0].Type, Is.EqualTo(ET.FactoryReset));
        Assert.That(events[0].Detail, Does.StartWith("re-provisioned from " + old.DeviceId + ": 0 un-uploaded events dropped;"));
        Assert.That(events[0].Seq, Is.EqualTo(1UL));
    }

    [Test]
    public void A_forced_file_for_another_device_drops_the_events_and_records_how_many()
    {
        using Cabinet old = new(online: false);
        old.Boot();
        old.PressOnce(2);
        ulong pending = old.Firmware.LastSeq;
        using Cabinet next = Successor(old, sameDeviceId: false, force: true);

        CabinetFirmware firmware = next.Boot();

        Assert.That(firmware.DeviceId, Is.EqualTo(next.DeviceId));
        List<Contracts.V1.DeviceEvent> events = next.JournalEvents();
        Assert.That(events.Select(e => e.Type).Take(2), Is.EqualTo(new[] { ET.FactoryReset, ET.Boot }));
        Assert.That(events[0].Detail, Is.EqualTo("re-provisioned from " + old.DeviceId + ": " + pending + " un-uploaded events dropped (forced); previous device " + old.DeviceId + " epoch 1"));
        Assert.That(events.All(e => e.ChainEpoch == 1 && e.DeviceId == next.DeviceId), Is.True, "a new device starts its first chain");
    }

    [Test]
    public void A_forced_new_secret_for_the_same_device_starts_the_next_epoch_with_chain_restart()
    {
        using Cabinet old = new(online: false);
        old.Boot();
        using Cabinet next = Successor(old, sameDeviceId: true, force: true);

        CabinetFirmware firmware = next.Boot();

        List<Contracts.V1.DeviceEvent> events = next.JournalEvents();
        Assert.That(events.Select(e => e.Type).Take(3), Is.EqualTo(new[] { ET.ChainRestart, ET.FactoryReset, ET.Boot }));
        Assert.That(events[0].Seq, Is.EqualTo(1UL));
        Assert.That(events.All(e => e.ChainEpoch == 2), Is.True);
        Assert.That(firmware.ChainEpoch, Is.EqualTo(2u));
    }

    [Test]
    public void A_new_secret_for_the_same_device_with_everything_uploaded_keeps_the_chain_and_self_tests()
    {
        using Cabinet old = new(online: true);
        old.Boot();
        old.SyncWithCloud();
        ulong last = old.Firmware.LastSeq;
        using Cabinet next = Successor(old, sameDeviceId: true, force: false);

        CabinetFirmware firmware = next.Boot();
        next.Run(2_000, step: 50);

        Assert.That(firmware.Provisioning!.Action, Is.EqualTo(ProvisioningAction.ApplyNewSecret));
        Assert.That(firmware.ChainEpoch, Is.EqualTo(1u));
        Assert.That(firmware.LastSeq, Is.EqualTo(last + 5), "the chain goes on under the new secret: BOOT and four SELF_TEST events");
        Assert.That(firmware.DeviceId, Is.EqualTo(old.DeviceId));
        Assert.That(firmware.LastSelfTestSummary, Does.StartWith("summary trigger=provisioning result=pass"));
        Assert.That(next.Flash.List(), Has.Some.StartsWith("jnl"), "nothing was wiped");
    }

    [Test]
    public void The_same_identity_with_other_settings_keeps_the_chain()
    {
        using Cabinet cabinet = new(online: false);
        cabinet.Boot();
        ulong last = cabinet.Firmware.LastSeq;
        cabinet.Config.UnlockWindowMs = 45_000;
        cabinet.Flash.SetFile(ProvisioningFile.FileName, ProvisioningFile.Encode(cabinet.Config));

        CabinetFirmware firmware = cabinet.PowerCycle();

        Assert.That(firmware.Provisioning!.Action, Is.EqualTo(ProvisioningAction.ApplySameIdentity));
        Assert.That(firmware.Configuration!.UnlockWindowMs, Is.EqualTo(45_000u));
        Assert.That(firmware.LastSeq, Is.EqualTo(last + 1), "the chain continues: BOOT follows the old events");
        Assert.That(cabinet.JournalTypes(), Has.None.EqualTo(ET.FactoryReset));
    }

    [Test]
    public void A_factory_reset_with_un_uploaded_events_is_refused_unless_forced()
    {
        using Cabinet cabinet = new(online: false);
        cabinet.Boot();
        cabinet.PressOnce(3);

        cabinet.Firmware.RequestFactoryReset(force: false);

        Assert.That(cabinet.Firmware.State, Is.EqualTo(FirmwareState.Running));
        Assert.That(cabinet.Firmware.Provisioning!.Action, Is.EqualTo(ProvisioningAction.FactoryResetRefused));
        Assert.That(cabinet.JournalEvents().Last().Detail, Does.StartWith("factory reset refused: "));
        Assert.That(cabinet.Flash.ReadAll(ProvisioningFile.FileName), Is.Not.Null);
    }

    [Test]
    public void A_forced_factory_reset_wipes_the_cabinet_and_the_next_provisioning_records_the_dropped_count()
    {
        using Cabinet cabinet = new(online: false);
        cabinet.Boot();
        cabinet.PressOnce(3);
        ulong pending = cabinet.Firmware.LastSeq;

        cabinet.Firmware.RequestFactoryReset(force: true);

        Assert.That(cabinet.Firmware.State, Is.EqualTo(FirmwareState.Fault));
        Assert.That(cabinet.Firmware.ConfigurationFault, Is.EqualTo(ConfigurationFault.Missing));
        Assert.That(cabinet.Flash.List().Where(n => !n.StartsWith("resetnote", StringComparison.Ordinal)), Is.Empty, "only the note for the next identity is left");

        cabinet.Flash.SetFile(ProvisioningFile.FileName, ProvisioningFile.Encode(cabinet.Config));
        cabinet.PowerCycle();
        List<Contracts.V1.DeviceEvent> events = cabinet.JournalEvents();
        Assert.That(events.Select(e => e.Type).Take(3), Is.EqualTo(new[] { ET.ChainRestart, ET.FactoryReset, ET.Boot }), "same device id: the next epoch");
        Assert.That(events[1].Detail, Does.StartWith("factory reset: " + pending + " un-uploaded events dropped (forced)"));
        Assert.That(cabinet.Flash.List(), Has.None.StartsWith("resetnote"));
    }

    [Test]
    public void A_reset_request_deployed_over_usb_is_carried_out_at_boot()
    {
        using Cabinet cabinet = new(online: false);
        cabinet.Boot();
        cabinet.Flash.SetFile(ProvisioningGate.ResetRequestFile, "force"u8.ToArray());

        CabinetFirmware firmware = cabinet.PowerCycle();

        Assert.That(firmware.State, Is.EqualTo(FirmwareState.Fault));
        Assert.That(cabinet.Flash.List(), Has.None.StartsWith("jnl").And.None.EqualTo(ProvisioningFile.FileName).And.None.EqualTo(ProvisioningGate.ResetRequestFile));
    }

    private static Cabinet Successor(Cabinet old, bool sameDeviceId, bool force)
    {
        Cabinet next = new(online: false, flash: old.Flash, deviceId: sameDeviceId ? old.DeviceId : null, secret: RandomNumberGenerator.GetBytes(32), configure: c => c.ForceWipe = force);
        old.Flash.SetFile(ProvisioningFile.FileName, ProvisioningFile.Encode(next.Config));
        return next;
    }
}
