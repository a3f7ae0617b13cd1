using System.Collections.Concurrent;
using System.Threading.Channels;
using Npgsql;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Notifications;

/// <summary>
/// This replica's live feed of notifications committed on ANY replica: one connection LISTENs on
/// <c>sealcabinet_notifications</c> (the notifications table's trigger NOTIFYs the new id at commit), the hub
/// loads the announced rows and offers them to every local subscriber, which filters by its caller. After a
/// lost connection it catches up from the highest id it had seen.
/// </summary>
internal sealed class NotificationHub(PostgresConnections database, WebhookSignal webhook, ILogger<NotificationHub> logger) : BackgroundService
{
    public const string Channel = "sealcabinet_notifications";
    private const int SubscriberBuffer = 10_000;

    private readonly ConcurrentDictionary<NotificationSubscription, bool> _subscribers = new();
    private readonly Channel<long> _announced = System.Threading.Channels.Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private NpgsqlConnection? _listener;
    private long _highestSeen;

    public NotificationSubscription Subscribe()
    {
        var channel = System.Threading.Channels.Channel.CreateBounded<NotificationRow>(new BoundedChannelOptions(SubscriberBuffer)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        var subscription = new NotificationSubscription(channel, s => _subscribers.TryRemove(s, out _));
        _subscribers[subscription] = true;
        return subscription;
    }

    /// <summary>Listens before the service accepts calls, so a stream opened at start misses nothing.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ListenAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            logger.LogWarning(e, "Notification LISTEN not established at start; retrying in the background");
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var fanOut = Task.Run(() => FanOutAsync(stoppingToken), stoppingToken);
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_listener is null)
                {
                    await ListenAsync(stoppingToken);
                    _announced.Writer.TryWrite(0);
                }

                await _listener!.WaitAsync(stoppingToken);
                delay = TimeSpan.FromMilliseconds(200);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
            {
                logger.LogWarning(e, "Notification LISTEN connection lost; reconnecting in {Delay}", delay);
                await DropListenerAsync();
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }

        _announced.Writer.TryComplete();
        await DropListenerAsync();
        await fanOut.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        var connection = await database.OpenAsync(ct);
        try
        {
            connection.Notification += (_, e) =>
            {
                if (long.TryParse(e.Payload, out var id))
                {
                    _announced.Writer.TryWrite(id);
                }
            };
            await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
            {
                await listen.ExecuteNonQueryAsync(ct);
            }

            if (Interlocked.Read(ref _highestSeen) == 0)
            {
                await using var max = new NpgsqlCommand("SELECT COALESCE(max(id), 0) FROM notifications", connection);
                Interlocked.CompareExchange(ref _highestSeen, (long)(await max.ExecuteScalarAsync(ct))!, 0);
            }

            _listener = connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task DropListenerAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
            _listener = null;
        }
    }

    /// <summary>Loads announced rows (id 0 = catch up after a reconnect) and offers them to every subscriber in id order.</summary>
    private async Task FanOutAsync(CancellationToken ct)
    {
        var reader = _announced.Reader;
        while (await reader.WaitToReadAsync(ct))
        {
            var ids = new HashSet<long>();
            var catchUp = false;
            while (reader.TryRead(out var id))
            {
                catchUp |= id == 0;
                if (id > 0)
                {
                    ids.Add(id);
                }
            }

            webhook.Notify();
            try
            {
                var rows = await LoadAsync(ids, catchUp ? Interlocked.Read(ref _highestSeen) : null, ct);
                foreach (var row in rows)
                {
                    InterlockedMax(ref _highestSeen, row.Id);
                    foreach (var subscriber in _subscribers.Keys)
                    {
                        if (!subscriber.Offer(row))
                        {
                            _subscribers.TryRemove(subscriber, out _);
                        }
                    }
                }
            }
            catch (NpgsqlException e)
            {
                logger.LogWarning(e, "Could not load {Count} announced notifications; they reach streams that resume with after_id", ids.Count);
            }
        }
    }

    private async Task<List<NotificationRow>> LoadAsync(HashSet<long> ids, long? after, CancellationToken ct)
    {
        var rows = new List<NotificationRow>();
        if (ids.Count == 0 && after is null)
        {
            return rows;
        }

        await using var connection = await database.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"SELECT {NotificationRow.Columns} FROM notifications WHERE id = ANY($1) OR id > $2 ORDER BY id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = after ?? long.MaxValue });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(NotificationRow.Read(reader));
        }

        return rows;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var previous = Interlocked.CompareExchange(ref target, value, current);
            if (previous == current)
            {
                return;
            }

            current = previous;
        }
    }

    public override void Dispose()
    {
        _listener?.Dispose();
        base.Dispose();
    }
}
