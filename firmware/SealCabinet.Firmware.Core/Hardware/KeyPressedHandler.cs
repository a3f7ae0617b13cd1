namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>Called by the board when a key of the PIN pad is pressed (possibly on another thread).</summary>
    /// <param name="key">'0'..'9', '*', '#' or 'A'..'D'.</param>
    public delegate void KeyPressedHandler(char key);
}
