namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>
/// The numbers stored in <c>device_events.refusal_reason</c>, by name: the device protocol's
/// GrantRefusalReason numbers, held together with them by a test.
/// </summary>
internal static class GrantRefusalCodes
{
    public const int BadMac = 1;
    public const int WrongDevice = 2;
    public const int WrongSleeve = 3;
    public const int Expired = 4;
    public const int NotYetValid = 5;
    public const int NoTrustedTime = 6;
    public const int Replayed = 7;
    public const int OutsideWindow = 8;
    public const int SleeveBusy = 9;
    public const int Malformed = 10;
    public const int NotProvisioned = 11;
    public const int JournalFull = 12;
    public const int StorageFault = 13;
}
