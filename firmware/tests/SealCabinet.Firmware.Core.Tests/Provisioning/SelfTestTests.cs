using SealCabinet.Firmware.Core.Configuration;
using SealCabinet.Firmware.Core.Firmware;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Tests.Support;
using SealCabinet.Firmware.Host.Gpio;
using ET = SealCabinet.Contracts.V1.EventType;

namespace SealCabinet.Firmware.Core.Tests.Provisioning;

/// <summary>The commissioning self-test and the seal identity seam.</summary>
[TestFixture]
public sealed class SelfTestTests
{
    [Test]
    public void The_first_boot_pulses_each_solenoid_once_and_reports_every_part()
    {
        using Cabinet cabinet = new(online: false, configure: c => c.SkipFirstBootSelfTest = false);
        cabinet.Boot();
        cabinet.Run(2_000, step: 50);

        Assert.That(cabinet.Solenoids.Select(s => s.OnCount), Is.EqualTo(new[] { 1, 1, 1 }));
        Assert.That(cabinet.Solenoids.All(s => !s.IsOn), Is.True);
        List<Contracts.V1.DeviceEvent> tests = cabinet.JournalEvents().Where(e => e.Type == ET.SelfTest).ToList();
        Assert.That(tests.Select(e => e.Detail), Is.EqualTo(new[]
        {
            "sleeve=1 solenoid=pulsed-300ms seat=seated press=released id=none expect=party result=pass",
            "sleeve=2 solenoid=pulsed-300ms seat=seated press=released id=none expect=committee result=pass",
            "sleeve=3 solenoid=pulsed-300ms seat=seated press=released id=none expect=cooperative result=pass",
            "summary trigger=first-boot result=pass sleeves=pass,pass,pass tamper=closed camera=ok-640x480 seal-id=none firmware=" + FirmwareVersion.Value,
        }));
        Assert.That(tests.Select(e => e.Sleeve), Is.EqualTo(new uint[] { 1, 2, 3, 0 }));
        Assert.That(cabinet.Firmware.SelfTestRunning, Is.False);
    }

    [Test]
    public void The_self_test_takes_a_test_frame_checks_it_is_a_jpeg_and_keeps_no_photo()
    {
        using Cabinet cabinet = new(online: false, configure: c => c.EvidenceCapture = true);
        SimulatedOutput trigger = new();
        cabinet.Board.CameraTrigger = trigger;
        cabinet.Boot();
        cabinet.Firmware.RequestSelfTest();
        cabinet.Run(2_000, step: 50);

        Assert.That(cabinet.Firmware.LastSelfTestSummary, Does.StartWith("summary trigger=maintenance result=pass ").And.Contain(" camera=ok-640x480 "));
        Assert.That(cabinet.Camera.Kinds, Is.EqualTo(new[] { EvidenceKind.Unspecified }), "one test frame");
        Assert.That(trigger.OnCount, Is.EqualTo(1), "the illumination was switched on for it");
        Assert.That(trigger.IsOn, Is.False);
        Assert.That(cabinet.JournalTypes(), Does.Not.Contain(ET.EvidenceCaptured));
        Assert.That(cabinet.Flash.List().Where(f => f.StartsWith("ev_", StringComparison.Ordinal)), Is.Empty);
    }

    [TestCase(true, "result=fail")]
    [TestCase(false, "result=pass")]
    public void Without_a_camera_the_self_test_says_none_and_fails_only_a_cabinet_that_must_take_photos(bool evidence, string result)
    {
        using Cabinet cabinet = new(online: false, configure: c => c.EvidenceCapture = evidence);
        cabinet.Board.Camera = null;
        cabinet.Boot();
        cabinet.Firmware.RequestSelfTest();
        cabinet.Run(2_000, step: 50);

        Assert.That(cabinet.Firmware.LastSelfTestSummary, Does.Contain(" " + result + " ").And.Contain(" camera=none "));
    }

    [Test]
    public void A_camera_that_gives_no_frame_fails_the_self_test_as_capture_failed()
    {
        using Cabinet cabinet = new(online: false, configure: c => c.EvidenceCapture = true);
        cabinet.Camera.Broken = true;
        cabinet.Boot();
        cabinet.Firmware.RequestSelfTest();
        cabinet.Run(2_000, step: 50);

        Assert.That(cabinet.Firmware.LastSelfTestSummary, Does.Contain(" result=fail ").And.Contain(" camera=capture-failed "));
    }

    [Test]
    public void A_frame_that_is_not_a_jpeg_fails_the_self_test_as_not_jpeg()
    {
        using Cabinet cabinet = new(online: false, configure: c => c.EvidenceCapture = true);
        cabinet.Camera.NotJpeg = true;
        cabinet.Boot();
        cabinet.Firmware.RequestSelfTest();
        cabinet.Run(2_000, step: 50);

        Assert.That(cabinet.Firmware.LastSelfTestSummary, Does.Contain(" result=fail ").And.Contain(" camera=not-jpeg "));
    }

    [Test]
    public void The_second_boot_of_the_same_identity_runs_no_self_test()
    {
        using Cabinet cabinet = new(online: false, configure: c => c.SkipFirstBootSelfTest = false);
        cabinet.Boot();
        cabinet.Run(2_000, step: 50);
        cabinet.PowerCycle();
        cabinet.Run(2_000, step: 50);

        Assert.That(cabinet.Solenoids.Sum(s => s.OnCount), Is.Zero, "the rebuilt board saw no pulse");
        Assert.That(cabinet.JournalTypes().Count(t => t == ET.SelfTest), Is.EqualTo(4));
    }

    [Test]
    public void An_empty_seat_is_not_pulsed_and_a_stuck_press_sensor_or_open_enclosure_fails()
    {
        using Cabinet cabinet = new(online: false, configure: c => c.SkipFirstBootSelfTest = false);
        cabinet.Seat[1].Level = false;
        cabinet.Press[2].Level = true;
        cabinet.Tamper.Level = true;
        cabinet.Boot();
        cabinet.Run(2_000, step: 50);

        Assert.That(cabinet.Solenoids[1].OnCount, Is.Zero, "never pulse a sleeve whose seal is not seated");
        List<string> details = cabinet.JournalEvents().Where(e => e.Type == ET.SelfTest).Select(e => e.Detail).ToList();
        Assert.That(details[1], Does.Contain("solenoid=skipped-no-seal seat=empty").And.EndWith("result=fail"));
        Assert.That(details[2], Does.Contain("press=stuck").And.EndWith("result=fail"));
        Assert.That(details[3], Does.StartWith("summary trigger=first-boot result=fail sleeves=pass,fail,fail tamper=open"));
    }

    [Test]
    public void A_grant_arriving_during_a_pulse_waits_and_the_busy_sleeve_is_skipped()
    {
        using Cabinet cabinet = new(online: false);
        cabinet.Boot();
        cabinet.Firmware.RequestSelfTest();
        cabinet.Tick();
        Assert.That(cabinet.Solenoids[0].IsOn, Is.True, "sleeve 1 is being pulsed");

        cabinet.Firmware.SubmitGrant(cabinet.IssueGrant(2).ToByteArray());
        cabinet.Tick();
        Assert.That(cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(Core.Sleeves.SleevePhase.Locked), "no grant starts during a pulse");
        cabinet.Run(2_000, step: 50);

        List<string> details = cabinet.JournalEvents().Where(e => e.Type == ET.SelfTest).Select(e => e.Detail).ToList();
        Assert.That(details[0], Does.StartWith("sleeve=1 solenoid=pulsed-300ms"));
        Assert.That(details[^1], Does.StartWith("summary trigger=maintenance "));
    }

    [Test]
    public void A_file_asking_for_a_self_test_runs_it_on_the_boot_that_applies_it()
    {
        using Cabinet cabinet = new(online: false);
        cabinet.Boot();
        cabinet.Config.RunSelfTest = true;
        cabinet.Flash.SetFile(ProvisioningFile.FileName, ProvisioningFile.Encode(cabinet.Config));
        cabinet.PowerCycle();
        cabinet.Run(2_000, step: 50);

        Assert.That(cabinet.JournalEvents().Last(e => e.Type == ET.SelfTest).Detail, Does.StartWith("summary trigger=provisioning result=pass"));
    }

    [Test]
    public void A_seal_of_another_kind_put_back_raises_wrong_seal_returned()
    {
        using Cabinet cabinet = new(online: false);
        FixedIdentifier identifier = new();
        cabinet.Board.SealIdentifier = identifier;
        cabinet.Boot();
        cabinet.Lift(2);
        identifier.Kinds[1] = SealKind.Party;
        cabinet.Return(2);

        Contracts.V1.DeviceEvent wrong = cabinet.JournalEvents().Single(e => e.Type == ET.WrongSealReturned);
        Assert.That(wrong.Sleeve, Is.EqualTo(2u));
        Assert.That(wrong.SealKind, Is.EqualTo(Contracts.V1.SealKind.Committee));
        Assert.That(wrong.Detail, Is.EqualTo("sleeve 2 holds a party seal, provisioned for committee (on return)"));
        Assert.That(cabinet.Buzzer.IsOn, Is.True, "an alarm");
    }

    [Test]
    public void An_unidentified_seal_is_never_an_alarm_and_the_self_test_names_each_identity()
    {
        using Cabinet cabinet = new(online: false);
        FixedIdentifier identifier = new();
        identifier.Kinds[2] = SealKind.Unspecified;
        identifier.Kinds[0] = SealKind.Cooperative;
        cabinet.Board.SealIdentifier = identifier;
        cabinet.Boot();
        cabinet.Firmware.RequestSelfTest();
        cabinet.Run(2_000, step: 50);

        List<Contracts.V1.DeviceEvent> events = cabinet.JournalEvents();
        Assert.That(events.Count(e => e.Type == ET.WrongSealReturned), Is.EqualTo(1), "only sleeve 1 at boot");
        List<string> details = events.Where(e => e.Type == ET.SelfTest).Select(e => e.Detail).ToList();
        Assert.That(details[0], Does.Contain("id=cooperative expect=party result=fail"));
        Assert.That(details[1], Does.Contain("id=committee expect=committee result=pass"));
        Assert.That(details[2], Does.Contain("id=unknown expect=cooperative result=pass"));
    }

    private sealed class FixedIdentifier : ISealIdentifier
    {
        public SealKind[] Kinds { get; } = [SealKind.Party, SealKind.Committee, SealKind.Cooperative];

        public SealKind Identify(int sleeve) => Kinds[sleeve - 1];
    }
}
