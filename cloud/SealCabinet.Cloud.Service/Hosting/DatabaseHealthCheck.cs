using Microsoft.Extensions.Diagnostics.HealthChecks;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Hosting;

/// <summary>Healthy when PostgreSQL answers a query.</summary>
internal sealed class DatabaseHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CloudDbContext>();
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("PostgreSQL does not accept connections");
        }
        catch (InvalidOperationException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
