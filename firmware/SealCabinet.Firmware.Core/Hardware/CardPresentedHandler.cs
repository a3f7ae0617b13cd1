namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>Called by the board when a card is held to the reader (possibly on another thread).</summary>
    /// <param name="uid">The card's UID (4, 7 or 10 bytes for ISO 14443A).</param>
    public delegate void CardPresentedHandler(byte[] uid);
}
