using Grpc.Core;
using Microsoft.Extensions.Options;
using Npgsql;
using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;
using SealCabinet.Cloud.Service.Sessions;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Notifications;

/// <summary>
/// Notifications.Subscribe: with <c>after_id</c> &gt; 0 first the stored notifications after it, then live ones
/// from <see cref="NotificationHub"/>; each only if the caller may see it (<see cref="NotificationAccess"/>).
/// The response headers are sent once the stream is live, so a client knows nothing committed later is missed.
/// A stream lives longer than one call's check: before each notification, and every
/// <see cref="NotificationStreamOptions.StreamRecheckInterval"/> while none comes, the caller's sign-in must still be valid
/// and a console session's roles are read again, so a revoked role or an ended session stops the flow at once and a
/// quiet stream of a revoked caller ends within the interval. The backlog is read through the caller's scope (their
/// villages and towns, or notifications naming them), not by scanning every notification after <c>after_id</c>.
/// </summary>
internal sealed class NotificationsGrpcService(
    NotificationHub hub, PostgresConnections database, CallerAccessor callers, BrowserSessionStore sessions,
    IOptions<NotificationStreamOptions> options, TimeProvider clock)
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
                var rows = await BacklogAsync(caller, backlogEnd, ct);
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
            while (true)
            {
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(ct);
                quiet.CancelAfter(options.Value.StreamRecheckInterval);
                bool open;
                try
                {
                    open = await subscription.Reader.WaitToReadAsync(quiet.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    caller = await CurrentAsync(caller, ct);
                    continue;
                }

                if (!open)
                {
                    break;
                }

                while (subscription.Reader.TryRead(out var row))
                {
                    if (row.Id > request.AfterId)
                    {
                        await OfferAsync(row);
                    }
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

    /// <summary>
    /// The next page of stored notifications after <paramref name="after"/> that the caller could see: for a caller
    /// without a deployment-wide role only those of their villages and towns or naming them (indexed; NotificationAccess
    /// still decides), so a resume from an old id does not read the whole table.
    /// </summary>
    private async Task<List<NotificationRow>> BacklogAsync(Caller caller, long after, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var scoped = !caller.Roles.Any(r => r.Level == ScopeLevel.Global);
        var filter = scoped ? " AND (village_id = ANY($2) OR town_id = ANY($3) OR audience @> ARRAY[$4]::text[])" : "";
        await using var command = new NpgsqlCommand($"SELECT {NotificationRow.Columns} FROM notifications WHERE id > $1{filter} ORDER BY id LIMIT {Page}", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        if (scoped)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = caller.Roles.Where(r => r.Level == ScopeLevel.Village).Select(r => r.ScopeId!).Distinct().ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = caller.Roles.Where(r => r.Level == ScopeLevel.Town).Select(r => r.ScopeId!).Distinct().ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = Audience.Person(caller.PersonId) });
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<NotificationRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(NotificationRow.Read(reader));
        }

        return rows;
    }
}
