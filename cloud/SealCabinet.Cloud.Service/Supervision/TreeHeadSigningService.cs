using Microsoft.Extensions.Options;

namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>Signs a tree head every <see cref="LedgerOptions.SignInterval"/> when the ledger grew (any replica; deduplicated).</summary>
internal sealed class TreeHeadSigningService(
    IServiceScopeFactory scopes, LedgerKeySource keys, IOptions<LedgerOptions> options, ILogger<TreeHeadSigningService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A missing or malformed key stops the service at start, not at the first signing.
        _ = keys.Key;
        using var timer = new PeriodicTimer(options.Value.SignInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<LedgerService>().SignIfGrownAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next round retries; a failed round loses nothing (heads are only checkpoints).
                logger.LogError(e, "Periodic tree-head signing failed");
            }
        }
    }
}
