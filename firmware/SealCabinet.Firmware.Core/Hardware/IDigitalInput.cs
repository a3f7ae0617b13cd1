namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>
    /// A digital input with edge callbacks: a press sensor (true = pressed), a seal-seated sensor
    /// (true = seal in its seat) or the enclosure tamper switch (true = enclosure open).
    /// </summary>
    public interface IDigitalInput
    {
        /// <summary>Reads the current level.</summary>
        /// <returns>The level.</returns>
        bool Read();

        /// <summary>
        /// Registers the edge callback (null removes it). The board may call it from an interrupt thread;
        /// the firmware only queues the edge with a timestamp and handles it on its own thread.
        /// </summary>
        /// <param name="handler">The callback.</param>
        void SetChangedHandler(InputChangedHandler? handler);
    }
}
