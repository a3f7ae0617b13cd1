namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>
/// The numbers stored in <c>device_events.event_type</c>, by name. Supervision, statistics and commissioning
/// name event types through these (in LINQ and in SQL text) instead of bare numbers or the wire enum; they are
/// the device protocol's EventType numbers, and a test holds the two together.
/// </summary>
internal static class DeviceEventCodes
{
    public const int Boot = 1;
    public const int Heartbeat = 2;
    public const int GrantAccepted = 3;
    public const int GrantRefused = 4;
    public const int SleeveUnlocked = 5;
    public const int SealLifted = 6;
    public const int Press = 7;
    public const int SealReturned = 8;
    public const int SleeveRelocked = 9;
    public const int UnlockWindowExpired = 10;
    public const int OveruseAlarm = 11;
    public const int SealNotReturnedAlarm = 12;
    public const int ForcedOpenAlarm = 13;
    public const int TamperAlarm = 14;
    public const int EvidenceCaptured = 15;
    public const int SelfTest = 16;
    public const int ConfigFault = 17;
    public const int JournalFull = 18;
    public const int ChainRestart = 19;
    public const int FactoryReset = 20;
    public const int WrongSealReturned = 21;
    public const int SensorFault = 22;
    public const int ReadyExpired = 23;
    public const int CustodianAuthenticated = 24;
    public const int AuthenticationFailed = 25;
    public const int AuthenticationLockout = 26;
    public const int StampButtonRefused = 27;
    public const int GrantWithdrawn = 28;
    public const int RosterUpdated = 29;
}
