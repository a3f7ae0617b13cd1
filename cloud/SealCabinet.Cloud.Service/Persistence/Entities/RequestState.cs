namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>Life-cycle state of a seal-use request (transitions: Requests/RequestStateMachine).</summary>
internal enum RequestState
{
    Submitted,
    Approved,
    Rejected,
    Cancelled,
    GrantDelivered,
    InUse,
    Completed,
    Expired,
    Refused,
}
