namespace SealCabinet.Cloud.Service.Recording;

/// <summary>
/// What a notification is about. The numbers are the ones stored in <c>notifications.kind</c> and the names are
/// the ones webhooks carry, so they match the wire enum member for member (a test holds them together); the gRPC
/// edge maps to the wire enum, the domain never sees it.
/// </summary>
internal enum NotificationKind
{
    RequestSubmitted = 1,
    RequestApproved = 2,
    RequestRejected = 3,
    GrantDelivered = 4,
    GrantRefused = 5,
    StampingCompleted = 6,
    Alarm = 7,
    SecurityEvent = 8,
    Anomaly = 9,
    GrantUnused = 10,
}
