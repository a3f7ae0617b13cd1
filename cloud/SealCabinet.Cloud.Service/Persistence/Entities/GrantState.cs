namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>State of a one-time unlock grant.</summary>
internal enum GrantState
{
    Issued,
    Delivered,
    Accepted,
    Used,
    Expired,
    Revoked,
    Refused,
    Overused,
}
