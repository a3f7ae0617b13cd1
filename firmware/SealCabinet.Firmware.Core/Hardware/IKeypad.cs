namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>
    /// The PIN pad (a 4×4 matrix keypad): the board scans and debounces it and reports each key once per press.
    /// '#' ends a PIN, '*' clears what was typed.
    /// </summary>
    public interface IKeypad
    {
        /// <summary>
        /// Registers the key callback (null removes it). The board may call it from its scanning thread; the firmware
        /// only queues the key and handles it on its own thread.
        /// </summary>
        /// <param name="handler">The callback.</param>
        void SetKeyHandler(KeyPressedHandler? handler);
    }
}
