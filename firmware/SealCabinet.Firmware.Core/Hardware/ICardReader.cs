namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>
    /// The NFC card reader (e.g. a PN532): the board polls it and reports a card's UID once each time a card comes
    /// into the field (a card left on the reader is not reported again until it was taken away).
    /// </summary>
    public interface ICardReader
    {
        /// <summary>
        /// Registers the card callback (null removes it). The board may call it from its polling thread; the firmware
        /// only queues the UID and handles it on its own thread.
        /// </summary>
        /// <param name="handler">The callback.</param>
        void SetCardHandler(CardPresentedHandler? handler);
    }
}
