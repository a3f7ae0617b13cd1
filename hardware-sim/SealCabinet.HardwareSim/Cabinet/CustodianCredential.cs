namespace SealCabinet.HardwareSim.Cabinet;

/// <summary>
/// What a custodian brings to the cabinet to authenticate: a PIN, a card, or both (policy PIN_AND_CARD: the card first,
/// then its holder's PIN). Which of them the cabinet takes is the village's policy in the roster the cloud sent.
/// </summary>
public sealed class CustodianCredential
{
    private CustodianCredential(string? pin, byte[]? card)
    {
        Pin = pin;
        Card = card;
    }

    /// <summary>The PIN typed on the PIN pad (null when none).</summary>
    public string? Pin { get; }

    /// <summary>The UID of the card held to the reader (null when none).</summary>
    public byte[]? Card { get; }

    /// <summary>A PIN alone (policies PIN and PIN_OR_CARD).</summary>
    /// <param name="pin">1 to 8 digits.</param>
    /// <returns>The credential.</returns>
    /// <exception cref="ArgumentException">Not 1 to 8 digits.</exception>
    public static CustodianCredential WithPin(string pin)
    {
        SimulatedCabinet.CheckPin(pin);
        return new CustodianCredential(pin, null);
    }

    /// <summary>A card alone (policies CARD and PIN_OR_CARD).</summary>
    /// <param name="uid">The card's UID (4, 7 or 10 bytes).</param>
    /// <returns>The credential.</returns>
    /// <exception cref="ArgumentException">The UID is not 4, 7 or 10 bytes.</exception>
    public static CustodianCredential WithCard(byte[] uid) => new(null, CheckCard(uid));

    /// <summary>A card and then the PIN (policy PIN_AND_CARD).</summary>
    /// <param name="uid">The card's UID (4, 7 or 10 bytes).</param>
    /// <param name="pin">1 to 8 digits.</param>
    /// <returns>The credential.</returns>
    /// <exception cref="ArgumentException">A bad UID or PIN.</exception>
    public static CustodianCredential WithCardAndPin(byte[] uid, string pin)
    {
        SimulatedCabinet.CheckPin(pin);
        return new CustodianCredential(pin, CheckCard(uid));
    }

    private static byte[] CheckCard(byte[] uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        return uid.Length is 4 or 7 or 10
            ? (byte[])uid.Clone()
            : throw new ArgumentException("an ISO 14443A UID has 4, 7 or 10 bytes", nameof(uid));
    }
}
