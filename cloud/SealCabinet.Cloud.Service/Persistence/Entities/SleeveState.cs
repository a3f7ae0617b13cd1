namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>State of a sleeve as last reported by its cabinet.</summary>
internal enum SleeveState
{
    Unknown,
    Locked,
    Unlocked,
    SealOut,
    Alarm,
}
