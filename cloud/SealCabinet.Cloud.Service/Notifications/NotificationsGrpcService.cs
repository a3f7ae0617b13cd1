using Grpc.Core;
using Npgsql;
using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Sessions;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Notifications;

/// <summary>
/// Notifications.Subscribe: with <c>after_id</c> &gt; 0 first the stored notifications after it, then live ones
/// from <see cref="NotificationHub"/>; each only if the caller may see it (<see cref="NotificationAccess"/>).
/// The response headers are sent once the stream is live, so a client knows nothing committed later is missed.
/// A stream lives longer than one call's check: before each notification the caller's sign-in must still be valid
/// and a console session's roles are read again, so a revoked role or an ended session stops the flow at once.
/// </summary>
internal sealed class NotificationsGrpcService(
    NotificationHub hub, PostgresConnections database, CallerAccessor callers, BrowserSessionStore sessions, TimeProvider clock)
    : Wire.Notifications.NotificationsBase
{
    private const int Page = 500;
    private const int DedupWindow = 50_000;

    public override async Task Subscribe(Wire.SubscribeRequest request, IServerStreamWriter<Wire.Notification> responseStream, ServerCallContext context)
    {
        if (request.AfterId < 0)
        {
            throw CloudException.Invalid("after_id", $"must not be negative, was {request.AfterId}");
        }

        var kinds = new HashSet<int>();
        foreach (var kind in request.Kinds)
        {
            if (kind == Wire.NotificationKind.Unspecified || !System.Enum.IsDefined(kind))
            {
                throw CloudException.Invalid("kinds", $"{(int)kind} is not a notification kind");
            }

            kinds.Add((int)kind);
        }

        var caller = callers.Caller;
        var ct = context.CancellationToken;
        using var subscription = hub.Subscribe();
        await context.WriteResponseHeadersAsync([]);
        var delivered = new HashSet<long>();
        var backlogEnd = request.AfterId;
        if (request.AfterId > 0)
        {
            while (true)
            {
                var rows = await BacklogAsync(backlogEnd, ct);
                foreach (var row in rows)
                {
                    backlogEnd = row.Id;
                    await OfferAsync(row);
                }

                if (rows.Count < Page)
                {
                    break;
                }
            }
        }

        try
        {
            await foreach (var row in subscription.Reader.ReadAllAsync(ct))
            {
                if (row.Id > request.AfterId)
                {
                    await OfferAsync(row);
                }
            }
        }
        catch (NotificationOverflowException e)
        {
            throw new CloudException(CloudErrorKind.Unavailable, e.Message);
        }

        async Task OfferAsync(NotificationRow row)
        {
            if (!delivered.Add(row.Id))
            {
                return;
            }

            if (delivered.Count > DedupWindow)
            {
                delivered.RemoveWhere(id => id < row.Id - (DedupWindow / 2));
            }

            if (kinds.Count > 0 && !kinds.Contains(row.Kind))
            {
                return;
            }

            caller = await CurrentAsync(caller, ct);
            if (NotificationAccess.Sees(caller, row))
            {
                await responseStream.WriteAsync(NotificationMapping.ToWire(row), ct);
            }
        }
    }

    private async Task<Caller> CurrentAsync(Caller caller, CancellationToken ct)
    {
        if (caller.ExpiresAt is { } expires && expires <= clock.GetUtcNow())
        {
            throw new CloudException(CloudErrorKind.Unauthenticated, "the sign-in expired; sign in again and resubscribe");
        }

        if (caller.SessionId is not { } session)
        {
            return caller;
        }

        var roles = await sessions.CurrentRolesAsync(session, ct)
            ?? throw new CloudException(CloudErrorKind.Unauthenticated, "the session ended; sign in again and resubscribe");
        return caller.WithRoles(roles);
    }

    private async Task<List<NotificationRow>> BacklogAsync(long after, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"SELECT {NotificationRow.Columns} FROM notifications WHERE id > $1 ORDER BY id LIMIT {Page}", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<NotificationRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(NotificationRow.Read(reader));
        }

        return rows;
    }
}
