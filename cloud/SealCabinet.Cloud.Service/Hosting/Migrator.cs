using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Hosting;

/// <summary>Applies the checked-in EF Core migrations: the <c>migrate</c> command, and the embedded mode at start.</summary>
internal sealed class Migrator(IServiceScopeFactory scopes, ILogger<Migrator> logger)
{
    public async Task MigrateAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CloudDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0)
        {
            logger.LogInformation("Database schema is up to date");
            return;
        }

        logger.LogInformation("Applying {Count} migrations: {Migrations}", pending.Count, string.Join(", ", pending));
        await db.Database.MigrateAsync(ct);
    }
}
