using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Host.Clock;
using SealCabinet.HardwareSim.Cabinet;

namespace SealCabinet.HardwareSim.Tests.Board;

public sealed class SleeveMechanismTests
{
    [Test]
    public void The_latch_releases_only_after_the_solenoid_actuation_delay()
    {
        using var cabinet = new SimulatedCabinet(new SimulatedCabinetOptions { FlashDirectory = TestDirectory.Create("latch"), Time = new ManualClock() });
        var sleeve = cabinet.Board.Sleeve(1);
        var delay = cabinet.Board.Timings.LatchDelayMs;

        sleeve.Solenoid.Write(true);
        cabinet.Advance(delay - 1);
        Assert.That(sleeve.LatchEngaged, Is.True);
        Assert.That(() => cabinet.Lift(1), Throws.InvalidOperationException.With.Message.Contains("sleeve 1 is locked"));

        cabinet.Advance(1);
        Assert.That(sleeve.LatchEngaged, Is.False);
        cabinet.Lift(1);
        Assert.That(sleeve.SealInHand, Is.True);
    }

    [Test]
    public void The_latch_bolt_drops_back_after_the_same_delay_when_the_coil_is_released()
    {
        using var cabinet = new SimulatedCabinet(new SimulatedCabinetOptions { FlashDirectory = TestDirectory.Create("latch-back"), Time = new ManualClock() });
        var sleeve = cabinet.Board.Sleeve(3);
        var delay = cabinet.Board.Timings.LatchDelayMs;
        sleeve.Solenoid.Write(true);
        cabinet.Advance(delay);

        sleeve.Solenoid.Write(false);
        cabinet.Advance(delay - 1);
        Assert.That(sleeve.LatchEngaged, Is.False);
        cabinet.Advance(1);
        Assert.That(sleeve.LatchEngaged, Is.True);
    }

    [Test]
    public void A_press_makes_the_switch_bounce_on_both_edges()
    {
        using var cabinet = new SimulatedCabinet(new SimulatedCabinetOptions { FlashDirectory = TestDirectory.Create("bounce"), Time = new ManualClock() });
        var sleeve = cabinet.Board.Sleeve(2);
        sleeve.Solenoid.Write(true);
        cabinet.Advance(cabinet.Board.Timings.LatchDelayMs);
        cabinet.Lift(2);
        var edges = 0;
        sleeve.PressSensor.Changed += _ => edges++;

        cabinet.Press(2, 100);
        cabinet.Advance(200);

        Assert.That(edges, Is.GreaterThan(2), "more than a clean close and open");
        Assert.That(edges % 2, Is.EqualTo(0), "the switch ends open");
        Assert.That(sleeve.PressSensor.Level, Is.False);
    }

    [Test]
    public void A_seal_of_another_kind_does_not_close_the_keyed_seat_sensor()
    {
        using var cabinet = new SimulatedCabinet(new SimulatedCabinetOptions { FlashDirectory = TestDirectory.Create("wrong-seal"), Time = new ManualClock(), SealIdReader = false });
        var sleeve = cabinet.Board.Sleeve(2);
        cabinet.Force(2);
        cabinet.Advance(10);
        Assert.That(sleeve.SeatSensor.Level, Is.False);

        cabinet.ReturnWrongSeal(2);
        cabinet.Advance(10);

        Assert.That(sleeve.SeatSensor.Level, Is.False);
        Assert.That(() => cabinet.Return(2), Throws.InvalidOperationException.With.Message.Contains("wrong seal sits in sleeve 2"));
    }

    [Test]
    public void With_a_seal_id_reader_any_seal_closes_the_seat_sensor_and_the_reader_names_it()
    {
        using var cabinet = new SimulatedCabinet(new SimulatedCabinetOptions { FlashDirectory = TestDirectory.Create("wrong-seal-id"), Time = new ManualClock() });
        var sleeve = cabinet.Board.Sleeve(2);
        Assert.That(sleeve.IdentifySeated(), Is.EqualTo(SealKind.Committee));
        cabinet.Force(2);
        cabinet.Advance(10);
        Assert.That(sleeve.SeatSensor.Level, Is.False);
        Assert.That(sleeve.IdentifySeated(), Is.EqualTo(SealKind.Unspecified));

        cabinet.ReturnWrongSeal(2);
        cabinet.Advance(10);

        Assert.That(sleeve.SeatSensor.Level, Is.True);
        Assert.That(sleeve.IdentifySeated(), Is.EqualTo(SealKind.Party));
    }

    [Test]
    public void Pressing_a_seal_that_is_still_in_its_seat_is_refused()
    {
        using var cabinet = new SimulatedCabinet(new SimulatedCabinetOptions { FlashDirectory = TestDirectory.Create("press-seated"), Time = new ManualClock() });

        Assert.That(() => cabinet.Press(1), Throws.InvalidOperationException.With.Message.Contains("not in hand"));
    }
}
