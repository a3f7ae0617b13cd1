namespace SealCabinet.Firmware.Core.Sleeves
{
    /// <summary>Where a sleeve is in its cycle.</summary>
    public enum SleevePhase
    {
        /// <summary>Locked, seal seated, no grant.</summary>
        Locked = 0,

        /// <summary>The stamp button was pressed and the solenoid is energised, waiting for the seal to be lifted.</summary>
        Unlocking = 1,

        /// <summary>The seal is out; presses are counted until it is returned.</summary>
        Lifted = 2,

        /// <summary>The seal left a locked sleeve (forced open); waiting for it to be put back.</summary>
        ForcedOpen = 3,

        /// <summary>
        /// A grant was accepted and the sleeve waits, still locked, for its stamp button (at most until the grant
        /// expires); only the button starts <see cref="Unlocking"/>.
        /// </summary>
        Ready = 4,
    }
}
