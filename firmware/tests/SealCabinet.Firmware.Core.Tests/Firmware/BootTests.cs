using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Tests.Support;
using Contract = SealCabinet.Contracts.V1;
using ET = SealCabinet.Contracts.V1.EventType;

namespace SealCabinet.Firmware.Core.Tests.Firmware;

/// <summary>What a boot records and how the firmware refuses an incomplete board.</summary>
[TestFixture]
public sealed class BootTests
{
    [Test]
    public void Each_boot_is_recorded_with_version_reset_cause_free_heap_and_a_growing_boot_count()
    {
        using Cabinet cabinet = new(online: false);
        cabinet.Board.SystemStatus = new FixedStatus();
        cabinet.Boot();
        cabinet.PowerCycle();

        List<Contract.DeviceEvent> boots = cabinet.JournalEvents().Where(e => e.Type == ET.Boot).ToList();
        Assert.That(boots.Select(e => e.BootCount), Is.EqualTo(new uint[] { 1, 2 }));
        Assert.That(boots[0].Detail, Does.StartWith("firmware 1.0.0; reset power-on; journal 0 records"));
        Assert.That(boots[0].FreeHeapBytes, Is.EqualTo(123_456u));
        Assert.That(boots[1].FreeHeapBytes, Is.Zero, "the rebuilt board has no status seam");
    }

    [Test]
    public void A_cabinet_provisioned_without_photos_says_so_in_every_boot_and_one_with_photos_does_not()
    {
        using Cabinet withoutPhotos = new(online: false, configure: c => c.EvidenceCapture = false);
        using Cabinet withPhotos = new(online: false, configure: c => c.EvidenceCapture = true);
        withoutPhotos.Boot();
        withPhotos.Boot();

        Assert.That(withoutPhotos.JournalEvents().Single(e => e.Type == ET.Boot).Detail, Does.EndWith("; photos off (provisioned with --no-evidence)"));
        Assert.That(withPhotos.JournalEvents().Single(e => e.Type == ET.Boot).Detail, Does.Not.Contain("photos off"));
    }

    [Test]
    public void A_board_without_a_required_seam_is_refused_naming_it()
    {
        using Cabinet cabinet = new(online: false);
        cabinet.Board.TamperSwitch = null;

        Assert.That(() => new Core.Firmware.CabinetFirmware(cabinet.Board), Throws.TypeOf<ArgumentException>().With.Message.Contains("TamperSwitch"));
    }

    private sealed class FixedStatus : ISystemStatus
    {
        public uint FreeHeapBytes => 123_456;

        public string ResetCause => "power-on";
    }
}
