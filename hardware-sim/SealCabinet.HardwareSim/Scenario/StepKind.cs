namespace SealCabinet.HardwareSim.Scenario;

/// <summary>The kinds of scenario steps (see docs/hardware-sim.md, "Scenario format").</summary>
public enum StepKind
{
    /// <summary><c>boot</c>: power on and boot a fresh firmware on the same flash.</summary>
    Boot,

    /// <summary><c>power-cut [torn]</c>: cut the power now, or during the next journal write.</summary>
    PowerCut,

    /// <summary><c>network down|up</c>: the Wi-Fi link.</summary>
    Network,

    /// <summary><c>cloud down|up</c>: the gateway's reachability.</summary>
    Cloud,

    /// <summary><c>broker down|up</c>: the broker's reachability.</summary>
    Broker,

    /// <summary><c>wait-grant sleeve=N [timeout=D]</c>: wait until a grant has made the sleeve READY (still locked).</summary>
    WaitGrant,

    /// <summary><c>lift N</c>.</summary>
    Lift,

    /// <summary>
    /// <c>button N</c>: push the sleeve's stamp button. A READY sleeve unlocks for the custodian its grant names once they
    /// have authenticated (the step waits for its latch); without that it stays READY and locked (STAMP_BUTTON_REFUSED);
    /// any other sleeve stays as it is.
    /// </summary>
    Button,

    /// <summary><c>pin 1 2 3 4</c> or <c>pin 1234</c>: type the digits on the PIN pad, then '#'; the step waits for the firmware's verdict.</summary>
    Pin,

    /// <summary><c>key K</c>: press one key of the PIN pad (0-9, *, #, A-D).</summary>
    Key,

    /// <summary><c>card UID</c>: hold a card (UID in hex) to the NFC reader; the step waits until the firmware has handled it.</summary>
    Card,

    /// <summary><c>press N [hold=D] [times=K]</c>.</summary>
    Press,

    /// <summary><c>return N</c>.</summary>
    Return,

    /// <summary><c>return-wrong N</c>: a seal of another kind into the empty sleeve.</summary>
    ReturnWrong,

    /// <summary><c>force N</c>: break the seal out of a locked sleeve.</summary>
    Force,

    /// <summary><c>press-sensor N stuck|free</c>.</summary>
    PressSensor,

    /// <summary><c>enclosure open|close</c>: the tamper switch.</summary>
    Enclosure,

    /// <summary><c>document SEED</c>: lay a generated page on the tray.</summary>
    Document,

    /// <summary><c>expect-event TYPE [sleeve=N] [timeout=D]</c>: wait for the next such event after the previous expectation.</summary>
    ExpectEvent,

    /// <summary><c>wait-acked [timeout=D]</c>: wait until the cloud acked every journaled event.</summary>
    WaitAcked,

    /// <summary><c>sleep D</c>.</summary>
    Sleep,

    /// <summary><c>echo TEXT</c>: print a line in the timeline.</summary>
    Echo,
}
