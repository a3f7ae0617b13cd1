using Microsoft.Extensions.Options;

namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>Runs the anomaly rules every <see cref="AnomalyOptions.DetectInterval"/> (idempotent, so any replica may).</summary>
internal sealed class AnomalyDetectionService(
    IServiceScopeFactory scopes, IOptions<AnomalyOptions> options, ILogger<AnomalyDetectionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DetectInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DocumentSwapChecker>().CheckPendingAsync(stoppingToken);
                var raised = await scope.ServiceProvider.GetRequiredService<AnomalyService>().DetectAsync(stoppingToken);
                if (raised > 0)
                {
                    logger.LogInformation("Anomaly detection raised {Count} new anomalies", raised);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Findings are idempotent: the next round picks up whatever this one missed.
                logger.LogError(e, "Anomaly detection failed");
            }
        }
    }
}
