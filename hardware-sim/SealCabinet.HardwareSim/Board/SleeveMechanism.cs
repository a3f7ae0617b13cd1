using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Host.Gpio;

namespace SealCabinet.HardwareSim.Board;

/// <summary>
/// The mechanics of one sleeve: a solenoid-driven latch bolt that moves a little after the coil changes
/// (<see cref="BoardTimings.LatchDelayMs"/>), a seal that can be lifted out, pressed on a document and put back,
/// a press switch in the seal handle that bounces, and a seat sensor. Without a seal ID reader the seat sensor is
/// keyed: it closes only for the sleeve's own seal (magnet-coded, so a seal of another kind put back leaves it open).
/// With the reader fitted it senses any seal and the reader tells which one sits there.
/// </summary>
public sealed class SleeveMechanism
{
    private readonly object _lock = new();
    private readonly Timeline _timeline;
    private readonly Func<long> _now;
    private readonly BoardTimings _timings;
    private readonly Random _bounce;
    private bool _latchEngaged = true;
    private long _latchGeneration;
    private long _pressReleaseAt = -1;
    private readonly bool _keyedSeat;

    internal SleeveMechanism(int number, SealKind sealKind, string sealName, Timeline timeline, Func<long> now, BoardTimings timings, bool keyedSeat)
    {
        _keyedSeat = keyedSeat;
        Number = number;
        SealKind = sealKind;
        SealName = sealName;
        _timeline = timeline;
        _now = now;
        _timings = timings;
        _bounce = new Random(timings.BounceSeed + number);
        Solenoid = new SimulatedOutput { Name = $"sleeve {number} solenoid" };
        PressSensor = new SimulatedInput(false) { Name = $"sleeve {number} press" };
        SeatSensor = new SimulatedInput(true) { Name = $"sleeve {number} seat" };
        StampButton = new SimulatedInput(false) { Name = $"sleeve {number} stamp button" };
        ReadyLight = new SimulatedOutput { Name = $"sleeve {number} READY light" };
        Solenoid.Changed += OnCoilChanged;
    }

    /// <summary>Raised when the seal comes down on the document tray (once per physical press).</summary>
    public event Action<SleeveMechanism>? Stamped;

    /// <summary>Sleeve number 1..3.</summary>
    public int Number { get; }

    /// <summary>The seal kind the sleeve holds.</summary>
    public SealKind SealKind { get; }

    /// <summary>The organisation name on the seal (drawn in the imprint).</summary>
    public string SealName { get; }

    /// <summary>The solenoid coil.</summary>
    public SimulatedOutput Solenoid { get; }

    /// <summary>The press switch in the seal handle (true = pressed).</summary>
    public SimulatedInput PressSensor { get; }

    /// <summary>The seat sensor (true = own seal seated).</summary>
    public SimulatedInput SeatSensor { get; }

    /// <summary>Whether the latch bolt holds the seal.</summary>
    public bool LatchEngaged
    {
        get
        {
            lock (_lock)
            {
                return _latchEngaged;
            }
        }
    }

    /// <summary>What sits in the seat.</summary>
    public SeatContent Seat { get; private set; } = SeatContent.OwnSeal;

    /// <summary>The kind of the wrong seal while one sits in the seat (another sleeve's kind).</summary>
    public SealKind WrongSealKind => SealKind == SealKind.Party ? SealKind.Committee : SealKind.Party;

    /// <summary>The sleeve's stamp button (true while pushed).</summary>
    public SimulatedInput StampButton { get; }

    /// <summary>The sleeve's READY light.</summary>
    public SimulatedOutput ReadyLight { get; }

    /// <summary>Pushes the stamp button for <paramref name="holdMs"/> ms (a clean push: the firmware debounces anyway).</summary>
    /// <param name="holdMs">How long it is held down (at least 20 ms).</param>
    public void PushStampButton(int holdMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(holdMs, 20);
        long now = _now();
        _timeline.Schedule(now, () => StampButton.Level = true);
        _timeline.Schedule(now + holdMs, () => StampButton.Level = false);
    }

    /// <summary>Whether the seat sensor closes only for the sleeve's own seal (no seal ID reader fitted).</summary>
    public bool KeyedSeat => _keyedSeat;

    /// <summary>What a seal ID reader reads: the kind of the seal in the seat, <see cref="SealKind.Unspecified"/> when empty.</summary>
    /// <returns>The kind.</returns>
    public SealKind IdentifySeated()
    {
        lock (_lock)
        {
            return Seat switch
            {
                SeatContent.OwnSeal => SealKind,
                SeatContent.WrongSeal => WrongSealKind,
                _ => SealKind.Unspecified,
            };
        }
    }

    /// <summary>Whether the sleeve's own seal is out, in someone's hand.</summary>
    public bool SealInHand { get; private set; }

    /// <summary>Presses made with this seal since the simulation started.</summary>
    public int PhysicalPresses { get; private set; }

    /// <summary>Lifts the seal out of an unlatched sleeve (or takes a wrong seal back out).</summary>
    /// <exception cref="InvalidOperationException">The latch holds the seal, or the seat is empty.</exception>
    public void Lift()
    {
        lock (_lock)
        {
            switch (Seat)
            {
                case SeatContent.Empty:
                    throw new InvalidOperationException($"sleeve {Number} is empty: its seal is already out");
                case SeatContent.WrongSeal:
                    Seat = SeatContent.Empty;
                    if (!_keyedSeat)
                    {
                        ScheduleSeatEdge(_now(), false);
                    }

                    return;
                default:
                    if (_latchEngaged)
                    {
                        throw new InvalidOperationException($"sleeve {Number} is locked: the latch holds the seal (use force to break it out)");
                    }

                    TakeOut();
                    return;
            }
        }
    }

    /// <summary>Pulls the seal out whatever the latch does (a forced opening).</summary>
    /// <exception cref="InvalidOperationException">The seal is not in its seat.</exception>
    public void Force()
    {
        lock (_lock)
        {
            if (Seat != SeatContent.OwnSeal)
            {
                throw new InvalidOperationException($"sleeve {Number} holds no seal of its own to force out");
            }

            TakeOut();
        }
    }

    /// <summary>Presses the seal held in hand once, holding it down for <paramref name="holdMs"/>; the switch bounces on both edges.</summary>
    /// <param name="holdMs">How long the seal stays down (at least 20 ms).</param>
    /// <exception cref="InvalidOperationException">The seal is not in hand, or still down from the previous press.</exception>
    public void Press(int holdMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(holdMs, 20);
        long now = _now();
        lock (_lock)
        {
            if (!SealInHand)
            {
                throw new InvalidOperationException($"the seal of sleeve {Number} is not in hand: lift it first");
            }

            if (now < _pressReleaseAt)
            {
                throw new InvalidOperationException($"the seal of sleeve {Number} is still pressed down");
            }

            PhysicalPresses++;
            _pressReleaseAt = now + holdMs + _timings.BounceMs + 1;
            ScheduleBouncyEdge(now, true);
            ScheduleBouncyEdge(now + holdMs, false);
        }

        Stamped?.Invoke(this);
    }

    /// <summary>Puts the sleeve's own seal back into its seat.</summary>
    /// <exception cref="InvalidOperationException">The seal is not in hand or the seat is taken.</exception>
    public void Return()
    {
        long now = _now();
        lock (_lock)
        {
            if (!SealInHand)
            {
                throw new InvalidOperationException($"the seal of sleeve {Number} is not out");
            }

            if (Seat == SeatContent.WrongSeal)
            {
                throw new InvalidOperationException($"a wrong seal sits in sleeve {Number}: lift it out first");
            }

            if (now < _pressReleaseAt)
            {
                throw new InvalidOperationException($"the seal of sleeve {Number} is still pressed down");
            }

            SealInHand = false;
            Seat = SeatContent.OwnSeal;
            ScheduleSeatEdge(now, true);
        }
    }

    /// <summary>
    /// Puts a seal of another kind (<see cref="WrongSealKind"/>) into the empty seat; a keyed seat sensor stays open,
    /// a plain one closes (and the ID reader names the wrong kind).
    /// </summary>
    /// <exception cref="InvalidOperationException">The seat is not empty.</exception>
    public void ReturnWrongSeal()
    {
        lock (_lock)
        {
            if (Seat != SeatContent.Empty)
            {
                throw new InvalidOperationException($"sleeve {Number} is not empty");
            }

            Seat = SeatContent.WrongSeal;
            if (!_keyedSeat)
            {
                ScheduleSeatEdge(_now(), true);
            }
        }
    }

    /// <summary>Sticks the press switch closed (true) or frees it (false).</summary>
    /// <param name="stuck">Whether it is stuck closed.</param>
    public void StickPressSensor(bool stuck) => PressSensor.Stick(stuck ? true : null);

    private void TakeOut()
    {
        Seat = SeatContent.Empty;
        SealInHand = true;
        ScheduleSeatEdge(_now(), false);
    }

    private void ScheduleSeatEdge(long at, bool level)
    {
        // The reed switch chatters a little as the magnet passes.
        _timeline.Schedule(at, () => SeatSensor.Level = level);
        _timeline.Schedule(at + 1, () => SeatSensor.Level = !level);
        _timeline.Schedule(at + 2, () => SeatSensor.Level = level);
    }

    private void ScheduleBouncyEdge(long at, bool level)
    {
        _timeline.Schedule(at, () => PressSensor.Level = level);
        var glitches = _bounce.Next(1, 4);
        var span = Math.Max(2, _timings.BounceMs);
        var t = at;
        for (var i = 0; i < glitches; i++)
        {
            var open = t + 1 + _bounce.Next(0, Math.Max(1, span / (2 * glitches)));
            var close = open + 1 + _bounce.Next(0, Math.Max(1, span / (2 * glitches)));
            if (close > at + span)
            {
                break;
            }

            _timeline.Schedule(open, () => PressSensor.Level = !level);
            _timeline.Schedule(close, () => PressSensor.Level = level);
            t = close;
        }
    }

    private void OnCoilChanged(bool energised)
    {
        long generation;
        lock (_lock)
        {
            generation = ++_latchGeneration;
        }

        _timeline.Schedule(_now() + _timings.LatchDelayMs, () =>
        {
            lock (_lock)
            {
                if (generation == _latchGeneration)
                {
                    _latchEngaged = !energised;
                }
            }
        });
    }
}
