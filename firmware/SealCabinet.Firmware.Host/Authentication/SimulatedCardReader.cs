using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Host.Authentication;

/// <summary>A simulated NFC card reader: <see cref="Present"/> holds a card to it, reported on the calling thread. Thread-safe.</summary>
public sealed class SimulatedCardReader : ICardReader
{
    private volatile CardPresentedHandler? _handler;

    /// <inheritdoc />
    public void SetCardHandler(CardPresentedHandler? handler) => _handler = handler;

    /// <summary>Holds a card with <paramref name="uid"/> to the reader.</summary>
    /// <param name="uid">The card's UID (4, 7 or 10 bytes).</param>
    /// <exception cref="ArgumentException">The UID is not 4, 7 or 10 bytes.</exception>
    public void Present(byte[] uid)
    {
        if (uid.Length is not (4 or 7 or 10))
        {
            throw new ArgumentException("an ISO 14443A UID has 4, 7 or 10 bytes", nameof(uid));
        }

        _handler?.Invoke((byte[])uid.Clone());
    }
}
