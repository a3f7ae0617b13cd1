using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Requests;

/// <summary>The legal life-cycle of a request; every state change goes through <see cref="Move"/>.</summary>
internal static class RequestStateMachine
{
    private static readonly Dictionary<RequestState, RequestState[]> Allowed = new()
    {
        [RequestState.Submitted] = [RequestState.Approved, RequestState.Rejected, RequestState.Cancelled],
        [RequestState.Approved] = [RequestState.GrantDelivered, RequestState.InUse, RequestState.Cancelled, RequestState.Expired, RequestState.Refused],
        [RequestState.GrantDelivered] = [RequestState.InUse, RequestState.Cancelled, RequestState.Expired, RequestState.Refused, RequestState.Approved],
        [RequestState.Refused] = [RequestState.Approved, RequestState.Cancelled, RequestState.Expired],
        [RequestState.InUse] = [RequestState.Completed],
        [RequestState.Rejected] = [],
        [RequestState.Cancelled] = [],
        [RequestState.Completed] = [],
        [RequestState.Expired] = [],
    };

    public static bool CanMove(RequestState from, RequestState to) => Allowed[from].Contains(to);

    /// <summary>Moves the request or refuses with FailedPrecondition naming both states.</summary>
    public static void Move(SealRequest request, RequestState to, DateTimeOffset now)
    {
        if (!CanMove(request.State, to))
        {
            throw CloudException.Precondition(
                $"request {request.Id} is {Name(request.State)}; it cannot become {Name(to)}");
        }

        request.State = to;
        request.UpdatedAt = now;
    }

    public static string Name(RequestState state) => state switch
    {
        RequestState.GrantDelivered => "GRANT_DELIVERED",
        RequestState.InUse => "IN_USE",
        _ => state.ToString().ToUpperInvariant(),
    };
}
