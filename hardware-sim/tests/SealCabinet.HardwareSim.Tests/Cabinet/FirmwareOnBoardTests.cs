using System.Security.Cryptography;
using Google.Protobuf;
using SealCabinet.Firmware.Core.Evidence;
using SealCabinet.Firmware.Core.Firmware;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.Firmware.Host.Flash;
using SealCabinet.HardwareSim.Cabinet;
using SealCabinet.HardwareSim.Tests.Gateway;
using SkiaSharp;
using ContractSealKind = SealCabinet.Contracts.V1.SealKind;

namespace SealCabinet.HardwareSim.Tests.Cabinet;

/// <summary>The unchanged firmware core on the simulated board, stepped in virtual time.</summary>
public sealed class FirmwareOnBoardTests
{
    [Test]
    public void The_right_PIN_and_then_the_stamp_button_unlock_the_READY_sleeve()
    {
        var (cabinet, device) = TestCabinet.Create("pin", virtualTime: true);
        using (cabinet)
        {
            MakeReady(cabinet, device, 2, ContractSealKind.Committee);

            cabinet.TypePin(GatewayDevice.Pin);
            Assert.That(cabinet.AdvanceUntil(() => cabinet.Snapshot().AuthenticatedPerson == GatewayDevice.Custodian, 1000), Is.True, "authenticated");
            var authenticated = cabinet.Events.Single(e => e.Type == EventType.CustodianAuthenticated).Event;
            Assert.That((authenticated.PersonId, authenticated.Detail, authenticated.Sleeve), Is.EqualTo((GatewayDevice.Custodian, "pin", 2u)));
            Assert.That(cabinet.Board.Sleeve(2).LatchEngaged, Is.True, "a PIN alone opens nothing");

            cabinet.PushStampButton(2);
            Assert.That(cabinet.AdvanceUntil(() => !cabinet.Board.Sleeve(2).LatchEngaged, 2000), Is.True, "the latch released");
            Assert.That(cabinet.Events.Any(e => e.Type == EventType.SleeveUnlocked && e.Event.Sleeve == 2), Is.True);
            Assert.That(cabinet.Snapshot().AuthenticatedPerson, Is.Empty, "the stamp button used the authentication up");
        }
    }

    [Test]
    public void A_stranger_pressing_the_button_opens_nothing()
    {
        var (cabinet, device) = TestCabinet.Create("stranger", virtualTime: true);
        using (cabinet)
        {
            MakeReady(cabinet, device, 2, ContractSealKind.Committee);

            cabinet.PushStampButton(2);
            Assert.That(cabinet.AdvanceUntil(() => cabinet.Events.Any(e => e.Type == EventType.StampButtonRefused), 2000), Is.True, "the push recorded");
            cabinet.Advance(500);

            var refused = cabinet.Events.Single(e => e.Type == EventType.StampButtonRefused).Event;
            Assert.That((refused.Sleeve, refused.PersonId, refused.Detail), Is.EqualTo((2u, GatewayDevice.Custodian, "nobody authenticated at the cabinet")));
            Assert.That(cabinet.Board.Sleeve(2).LatchEngaged, Is.True, "the latch still engaged");
            Assert.That(cabinet.Board.Sleeve(2).Solenoid.OnCount, Is.Zero);
            Assert.That(cabinet.Firmware!.GetSleevePhase(2), Is.EqualTo(SleevePhase.Ready), "still waiting for its custodian");
        }
    }

    [Test]
    public void The_custodian_s_card_at_the_reader_authenticates_them_like_the_PIN()
    {
        var (cabinet, device) = TestCabinet.Create("card", virtualTime: true);
        using (cabinet)
        {
            MakeReady(cabinet, device, 3, ContractSealKind.Cooperative);

            cabinet.PresentCard(Convert.ToHexString(GatewayDevice.Card));
            Assert.That(cabinet.AdvanceUntil(() => cabinet.Events.Any(e => e.Type == EventType.CustodianAuthenticated), 1000), Is.True, "authenticated");
            Assert.That(cabinet.Events.Single(e => e.Type == EventType.CustodianAuthenticated).Event.Detail, Is.EqualTo("card"));

            cabinet.PushStampButton(3);
            Assert.That(cabinet.AdvanceUntil(() => !cabinet.Board.Sleeve(3).LatchEngaged, 2000), Is.True, "the latch released");
        }
    }

    [Test]
    public void Five_wrong_PINs_lock_the_PIN_pad_and_the_card_reader_and_the_snapshot_says_so()
    {
        var (cabinet, device) = TestCabinet.Create("lockout", virtualTime: true);
        using (cabinet)
        {
            MakeReady(cabinet, device, 2, ContractSealKind.Committee);

            for (var attempt = 1; attempt <= 5; attempt++)
            {
                cabinet.TypePin("1111");
                var failures = attempt;
                Assert.That(cabinet.AdvanceUntil(() => cabinet.Events.Count(e => e.Type == EventType.AuthenticationFailed) == failures, 1000), Is.True, $"attempt {attempt} checked");
            }

            Assert.That(cabinet.Events.Last(e => e.Type == EventType.AuthenticationFailed).Event.Detail, Is.EqualTo("wrong PIN, attempt 5 of 5"));
            Assert.That(cabinet.Events.Count(e => e.Type == EventType.AuthenticationLockout), Is.EqualTo(1));
            Assert.That(cabinet.Snapshot() is { AuthenticationLockedOut: true, AuthenticatedPerson: "" }, Is.True, "locked out, nobody authenticated");

            cabinet.PresentCard(GatewayDevice.Card);
            cabinet.Advance(50);
            Assert.That(cabinet.Events.Any(e => e.Type == EventType.CustodianAuthenticated), Is.False, "even the right card is refused during the lockout");
        }
    }

    [Test]
    public void Contact_bounce_on_a_press_is_counted_as_exactly_one_press_by_the_firmware()
    {
        var (cabinet, device) = TestCabinet.Create("one-press", virtualTime: true);
        using (cabinet)
        {
            var edges = 0;
            cabinet.Board.Sleeve(2).PressSensor.Changed += _ => edges++;
            UnlockAndLift(cabinet, device, 2, ContractSealKind.Committee);

            cabinet.Press(2, 150);
            cabinet.Advance(400);

            Assert.That(edges, Is.GreaterThan(2), "the switch bounced");
            Assert.That(cabinet.Firmware!.GetPressCount(2), Is.EqualTo(1));
            Assert.That(cabinet.Events.Count(e => e.Type == EventType.Press), Is.EqualTo(1));
        }
    }

    [Test]
    public void The_camera_photographs_the_person_then_the_page_before_and_the_page_with_a_red_imprint_after()
    {
        var (cabinet, device) = TestCabinet.Create("camera", virtualTime: true);
        using (cabinet)
        {
            var photos = new List<(EvidenceKind Kind, byte[] Jpeg)>();
            cabinet.PhotoTaken += (kind, jpeg) => photos.Add((kind, jpeg));
            UnlockAndLift(cabinet, device, 2, ContractSealKind.Committee);
            cabinet.Press(2, 150);
            cabinet.Advance(400);
            cabinet.Return(2);
            Assert.That(cabinet.AdvanceUntil(() => photos.Count == 3, 5000), Is.True, "three photos");

            Assert.That(photos.Select(p => p.Kind), Is.EqualTo(new[] { EvidenceKind.Person, EvidenceKind.DocumentBefore, EvidenceKind.DocumentAfter }));
            using var person = SKBitmap.Decode(photos[0].Jpeg);
            using var before = SKBitmap.Decode(photos[1].Jpeg);
            using var after = SKBitmap.Decode(photos[2].Jpeg);
            Assert.That(before, Is.Not.Null);
            Assert.That(person, Is.Not.Null);
            Assert.That(after, Is.Not.Null);
            Assert.That((before.Width, before.Height), Is.EqualTo((400, 566)));
            Assert.That((person.Width, person.Height), Is.EqualTo((320, 240)));
            Assert.That(JpegFrame.TryReadSize(photos[1].Jpeg, out var width, out var height) && (width, height) == (400, 566), Is.True, "the self-test's JPEG check accepts a real encoder's frame");
            Assert.That(RedPixels(before), Is.LessThan(50));
            Assert.That(RedPixels(after), Is.GreaterThan(500));

            var captured = cabinet.Events.Where(e => e.Type == EventType.EvidenceCaptured).Select(e => e.Event).ToList();
            Assert.That(captured.Select(e => e.EvidenceKind), Is.EqualTo(photos.Select(p => p.Kind)));
            Assert.That(captured[0].EvidenceDigest, Is.EqualTo(HMACSHA256.HashData(device.Keys.Evidence, photos[0].Jpeg)));
        }
    }

    [Test]
    public void A_power_cut_in_the_middle_of_a_journal_write_leaves_a_torn_record_that_the_next_boot_drops()
    {
        var (cabinet, _) = TestCabinet.Create("torn", virtualTime: true);
        using (cabinet)
        {
            cabinet.SetNetwork(false);
            cabinet.PowerOn();
            cabinet.Advance(20);
            var boot = cabinet.Events.Single();
            Assert.That(boot.Type, Is.EqualTo(EventType.Boot));

            cabinet.ArmTornWrite(new TornWritePlan());
            cabinet.SetEnclosureOpen(true);
            Assert.That(cabinet.AdvanceUntil(() => !cabinet.IsPowered, 1000), Is.True, "the power went during the tamper alarm's write");
            Assert.That(cabinet.Events, Has.Count.EqualTo(1), "the torn alarm never completed");
            var segment = Directory.GetFiles(cabinet.FlashDirectory, "jnl*.seg").Single();
            Assert.That(new FileInfo(segment).Length, Is.GreaterThan(boot.SignedEventBytes.Length + 15), "a partial record follows the boot record");

            cabinet.PowerOn();
            cabinet.Advance(20);

            Assert.That(cabinet.Firmware!.Recovery!.TornSegments, Is.EqualTo(1));
            var afterBoot = cabinet.Events.Skip(1).ToList();
            Assert.That(afterBoot.Select(e => e.Type), Is.EqualTo(new[] { EventType.Boot, EventType.TamperAlarm }), "the open enclosure is reported again");
            Assert.That(afterBoot[0].Event.Detail, Does.Contain("1 torn"));
            AssertChained(cabinet.Events);
        }
    }

    [Test]
    public void The_snapshot_names_the_status_LED_code_the_board_shows_for_each_fault()
    {
        var (cabinet, _) = TestCabinet.Create("led", virtualTime: true);
        using (cabinet)
        {
            Assert.That(cabinet.Snapshot().LedPattern, Is.EqualTo("off"));
            cabinet.SetNetwork(false);
            cabinet.PowerOn();
            cabinet.Advance(1_500);

            Assert.That(cabinet.Snapshot().LedPattern, Is.EqualTo("wifi-down"));
            Assert.That(cabinet.Board.StatusLed.OnCount, Is.EqualTo(2), "the first two blinks of the code (it repeats every 2 s)");

            cabinet.SetCloudReachable(false);
            cabinet.SetNetwork(true);
            Assert.That(cabinet.AdvanceUntil(() => cabinet.Firmware!.LedPattern == StatusLedPattern.CloudUnreachable, 60_000), Is.True, "the next gateway call fails");
            Assert.That(cabinet.Snapshot().LedPattern, Is.EqualTo("cloud-unreachable"));

            cabinet.SetEnclosureOpen(true);
            cabinet.Advance(100);
            Assert.That(cabinet.Snapshot().LedPattern, Is.EqualTo("alarm"));
        }
    }

    [Test]
    public void Forcing_a_locked_sleeve_raises_the_forced_open_alarm_and_sounds_the_buzzer()
    {
        var (cabinet, _) = TestCabinet.Create("force", virtualTime: true);
        using (cabinet)
        {
            cabinet.SetNetwork(false);
            cabinet.PowerOn();
            cabinet.Advance(20);

            cabinet.Force(1);
            cabinet.Advance(100);

            var alarm = cabinet.Events.Single(e => e.Type == EventType.ForcedOpenAlarm);
            Assert.That(alarm.Event.Sleeve, Is.EqualTo(1));
            Assert.That(cabinet.Board.Buzzer.IsOn, Is.True);
            Assert.That(cabinet.Firmware!.GetSleevePhase(1), Is.EqualTo(SleevePhase.ForcedOpen));
        }
    }

    [Test]
    public void A_stuck_press_sensor_is_reported_as_a_sensor_fault()
    {
        var (cabinet, device) = TestCabinet.Create("stuck", virtualTime: true, maxPressMs: 1000);
        using (cabinet)
        {
            UnlockAndLift(cabinet, device, 3, ContractSealKind.Cooperative);

            cabinet.StickPressSensor(3, true);
            cabinet.Advance(1200);

            var fault = cabinet.Events.Single(e => e.Type == EventType.SensorFault);
            Assert.That(fault.Event.Sleeve, Is.EqualTo(3));
        }
    }

    [Test]
    public void Without_a_seal_id_reader_a_wrong_seal_returned_leaves_the_seal_missing_until_the_return_window_alarm()
    {
        var (cabinet, device) = TestCabinet.Create("wrong", virtualTime: true, returnWindowMs: 10_000, sealIdReader: false);
        using (cabinet)
        {
            UnlockAndLift(cabinet, device, 1, ContractSealKind.Party);
            cabinet.ReturnWrongSeal(1);

            Assert.That(cabinet.AdvanceUntil(() => cabinet.Events.Any(e => e.Type == EventType.SealNotReturnedAlarm), 11_000), Is.True);
            Assert.That(cabinet.Events.Any(e => e.Type == EventType.SealReturned), Is.False);
            Assert.That(cabinet.Firmware!.GetSleevePhase(1), Is.EqualTo(SleevePhase.Lifted));
        }
    }

    [Test]
    public void With_the_seal_id_reader_a_wrong_seal_returned_is_reported_as_such()
    {
        var (cabinet, device) = TestCabinet.Create("wrong-id", virtualTime: true, returnWindowMs: 10_000);
        using (cabinet)
        {
            UnlockAndLift(cabinet, device, 1, ContractSealKind.Party);
            cabinet.ReturnWrongSeal(1);

            Assert.That(cabinet.AdvanceUntil(() => cabinet.Events.Any(e => e.Type == EventType.WrongSealReturned), 1000), Is.True, "WRONG_SEAL_RETURNED");
            var wrong = cabinet.Events.Single(e => e.Type == EventType.WrongSealReturned);
            Assert.That(wrong.Event.Sleeve, Is.EqualTo(1));
            Assert.That(wrong.Event.Detail, Does.Contain("committee").IgnoreCase, "names the seal that was put back");
            Assert.That(cabinet.Board.Buzzer.IsOn, Is.True);
        }
    }

    [Test]
    public void A_board_with_a_battery_backed_clock_takes_a_grant_right_after_a_power_cut_while_the_cloud_is_away()
    {
        var (cabinet, device) = TestCabinet.Create("rtc", virtualTime: true, realTimeClock: true);
        using (cabinet)
        {
            cabinet.SetBrokerReachable(false);
            cabinet.PowerOn();
            Assert.That(cabinet.AdvanceUntil(() => cabinet.Firmware!.HasTrustedTime, 5000), Is.True, "trusted time from the gateway");
            Assert.That(cabinet.AdvanceUntil(() => cabinet.Board.RealTimeClock!.TryRead(out _), 5000), Is.True, "the answer set the clock");

            cabinet.SetCloudReachable(false);
            cabinet.PowerCut();
            cabinet.Advance(60_000);
            cabinet.PowerOn();
            cabinet.InjectGrant(device.IssueGrant(3, ContractSealKind.Cooperative, 1, TimeSpan.FromMinutes(5), keepLive: false).ToByteArray());

            Assert.That(cabinet.AdvanceUntil(() => cabinet.Firmware!.GetSleevePhase(3) == SleevePhase.Ready, 2000), Is.True, "taken on the clock's time");
            Assert.That(cabinet.Snapshot().HasTrustedTime, Is.True);
        }
    }

    [Test]
    public void A_grant_replayed_after_a_power_cut_is_refused_as_replayed_because_its_counter_was_persisted()
    {
        var (cabinet, device) = TestCabinet.Create("replay", virtualTime: true);
        using (cabinet)
        {
            cabinet.SetBrokerReachable(false);
            cabinet.PowerOn();
            Assert.That(cabinet.AdvanceUntil(() => cabinet.Firmware!.HasTrustedTime, 5000), Is.True, "trusted time");
            var grant = device.IssueGrant(2, ContractSealKind.Committee, 1, TimeSpan.FromMinutes(5), keepLive: false).ToByteArray();
            cabinet.InjectGrant(grant);
            Assert.That(cabinet.AdvanceUntil(() => cabinet.Firmware!.GetSleevePhase(2) == SleevePhase.Ready, 1000), Is.True, "accepted");

            cabinet.PowerCut();
            cabinet.PowerOn();
            Assert.That(cabinet.AdvanceUntil(() => cabinet.Firmware!.HasTrustedTime, 5000), Is.True, "trusted time after the boot");
            cabinet.InjectGrant(grant);
            Assert.That(cabinet.AdvanceUntil(() => cabinet.Events.Any(e => e.Type == EventType.GrantRefused), 1000), Is.True, "refused");

            var refusal = cabinet.Events.Single(e => e.Type == EventType.GrantRefused).Event;
            Assert.That(refusal.RefusalReason, Is.EqualTo(GrantRefusalReason.Replayed));
            Assert.That(cabinet.Firmware!.GetSleevePhase(2), Is.EqualTo(SleevePhase.Ready), "the original grant is still READY after the cut, waiting for its button");
            Assert.That(cabinet.Board.Sleeve(2).Solenoid.OnCount, Is.Zero);
        }
    }

    internal static void AssertChained(IReadOnlyList<RecordedEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            Assert.That(events[i].Event.Seq, Is.EqualTo((ulong)(i + 1)), $"seq of event {i}");
            var previous = i == 0 ? new byte[32] : SHA256.HashData(SignedEvent.Parse(events[i - 1].SignedEventBytes).Event);
            Assert.That(events[i].Event.PrevHash, Is.EqualTo(previous), $"prev_hash of seq {i + 1}");
        }
    }

    /// <summary>Boots with the gateway's answer (trusted time and the roster) and hands the firmware a grant for the sleeve.</summary>
    private static void MakeReady(SimulatedCabinet cabinet, GatewayDevice device, int sleeve, ContractSealKind kind)
    {
        cabinet.SetBrokerReachable(false);
        cabinet.PowerOn();
        Assert.That(cabinet.AdvanceUntil(() => cabinet.Snapshot() is { HasTrustedTime: true, RosterVersion: 1 }, 5000), Is.True, "trusted time and the roster from the gateway");
        cabinet.InjectGrant(device.IssueGrant((uint)sleeve, kind, 1, TimeSpan.FromMinutes(5), keepLive: false).ToByteArray());
        Assert.That(cabinet.AdvanceUntil(() => cabinet.Firmware!.GetSleevePhase(sleeve) == SleevePhase.Ready, 2000), Is.True, "READY");
        Assert.That(cabinet.Board.Sleeve(sleeve).ReadyLight.IsOn, Is.True, "the sleeve's READY light");
    }

    private static void UnlockAndLift(SimulatedCabinet cabinet, GatewayDevice device, int sleeve, ContractSealKind kind)
    {
        MakeReady(cabinet, device, sleeve, kind);
        cabinet.TypePin(GatewayDevice.Pin);
        Assert.That(cabinet.AdvanceUntil(() => cabinet.Snapshot().AuthenticatedPerson == GatewayDevice.Custodian, 1000), Is.True, "the custodian authenticated");
        cabinet.PushStampButton(sleeve);
        Assert.That(cabinet.AdvanceUntil(() => !cabinet.Board.Sleeve(sleeve).LatchEngaged, 2000), Is.True, "the latch released");
        cabinet.Lift(sleeve);
        Assert.That(cabinet.AdvanceUntil(() => cabinet.Firmware!.GetSleevePhase(sleeve) == SleevePhase.Lifted, 1000), Is.True, "the firmware saw the lift");
    }

    private static int RedPixels(SKBitmap bitmap)
    {
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red > 150 && c.Green < 110 && c.Blue < 120)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
