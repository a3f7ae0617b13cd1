namespace SealCabinet.HardwareSim.Cli.LiveView;

/// <summary>Where the live view's keys go.</summary>
internal enum KeyMode
{
    /// <summary>The cabinet's actions (sleeve selection, seal, faults, power).</summary>
    Cabinet,

    /// <summary>The PIN pad: digits, '*', '#' and A-D go to it.</summary>
    PinPad,

    /// <summary>The card reader: the keys type a card UID in hex, Enter holds the card to the reader.</summary>
    CardReader,
}
