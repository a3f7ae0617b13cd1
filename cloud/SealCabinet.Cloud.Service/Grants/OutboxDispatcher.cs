using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SealCabinet.Cloud.Service.Mqtt;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Grants;

/// <summary>
/// Publishes outbox messages to the broker. Rows are claimed with FOR UPDATE SKIP LOCKED, so several
/// replicas share the work without publishing a row twice at the same time; a failed publish is retried
/// with exponential back-off, and a grant that is no longer live is not published at all.
/// </summary>
internal sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    CloudMqttClient mqtt,
    OutboxSignal signal,
    IOptions<GrantOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await DispatchBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The dispatcher must outlive a database or broker hiccup; unpublished rows stay for the next round.
                logger.LogWarning("Outbox dispatch failed: {Reason}", e.Message);
            }

            if (handled == BatchSize)
            {
                continue;
            }

            try
            {
                await signal.WaitAsync(options.Value.OutboxPollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        if (!mqtt.IsConnected)
        {
            return 0;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CloudDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var batch = await db.Outbox
            .FromSql($"""
                SELECT * FROM outbox_messages
                WHERE published_at IS NULL AND next_attempt_at <= {now}
                ORDER BY id LIMIT {BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        if (batch.Count == 0)
        {
            return 0;
        }

        var grantIds = batch.Where(m => m.GrantId is not null).Select(m => m.GrantId!.Value).ToList();
        var grants = await db.Grants.AsNoTracking().Where(g => grantIds.Contains(g.Id))
            .Select(g => new { g.Id, g.State, g.ExpiresAt }).ToDictionaryAsync(g => g.Id, ct);
        foreach (var message in batch)
        {
            TimeSpan? expiresIn = null;
            if (message.GrantId is { } grantId)
            {
                if (!grants.TryGetValue(grantId, out var grant) || grant.State is not (GrantState.Issued or GrantState.Delivered) || grant.ExpiresAt <= now)
                {
                    message.PublishedAt = now;
                    message.LastError = "not published: the grant is no longer live";
                    continue;
                }

                expiresIn = grant.ExpiresAt - now;
            }

            try
            {
                await mqtt.PublishAsync(message.Topic, message.Payload, expiresIn, ct);
                message.PublishedAt = clock.GetUtcNow();
                message.LastError = null;
                logger.LogInformation("Published outbox message {Id} to {Topic}", message.Id, message.Topic);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                message.Attempts++;
                var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, message.Attempts), options.Value.OutboxMaxRetryDelay.TotalSeconds));
                message.NextAttemptAt = clock.GetUtcNow() + delay;
                message.LastError = e.Message.Length > 500 ? e.Message[..500] : e.Message;
                logger.LogWarning("Publishing outbox message {Id} to {Topic} failed (attempt {Attempt}): {Reason}; retry in {Delay}",
                    message.Id, message.Topic, message.Attempts, e.Message, delay);
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return batch.Count;
    }
}
