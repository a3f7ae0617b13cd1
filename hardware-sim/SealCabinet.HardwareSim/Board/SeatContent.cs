namespace SealCabinet.HardwareSim.Board;

/// <summary>What sits in a sleeve's seat.</summary>
public enum SeatContent
{
    /// <summary>The sleeve's own seal.</summary>
    OwnSeal,

    /// <summary>Nothing.</summary>
    Empty,

    /// <summary>A seal of another kind (or a counterfeit): the keyed seat sensor does not close for it.</summary>
    WrongSeal,
}
