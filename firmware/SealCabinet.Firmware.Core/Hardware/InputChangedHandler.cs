namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>Called by the board when a digital input changes level (possibly on another thread).</summary>
    /// <param name="input">The input that changed.</param>
    /// <param name="level">Its new level.</param>
    public delegate void InputChangedHandler(IDigitalInput input, bool level);
}
