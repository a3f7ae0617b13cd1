using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Hosting;

/// <summary>
/// Runs the service, or with the single argument <c>migrate</c> applies the migrations and exits (what a
/// Kubernetes Job calls; with an external database the service itself never migrates).
/// </summary>
internal static class CloudHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var migrate = args.Length > 0 && args[0] == "migrate";
        var builder = WebApplication.CreateBuilder(migrate ? args[1..] : args);
        builder.AddCloudService();
        await using var app = builder.Build();
        if (migrate)
        {
            return await MigrateAsync(app);
        }

        app.MapCloudService();
        await StartOrStopAsync(app);
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>
    /// Starts the host; when a part fails (a refused key, a port in use) stops the parts that had started before
    /// it — the embedded cluster, the embedded broker — which the host alone would leave running.
    /// </summary>
    private static async Task StartOrStopAsync(WebApplication app)
    {
        try
        {
            await app.StartAsync();
        }
        catch (Exception failure)
        {
            app.Logger.LogCritical(failure, "The service failed to start; stopping what had started");
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await app.StopAsync(patience.Token);
            throw;
        }
    }

    private static async Task<int> MigrateAsync(WebApplication app)
    {
        var endpoint = app.Services.GetRequiredService<DatabaseEndpoint>();
        var embedded = app.Services.GetRequiredService<EmbeddedPostgres>();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        if (endpoint.IsEmbedded)
        {
            await embedded.StartClusterAsync(cts.Token);
        }

        try
        {
            await app.Services.GetRequiredService<Migrator>().MigrateAsync(cts.Token);
            return 0;
        }
        finally
        {
            await embedded.StopAsync(CancellationToken.None);
        }
    }
}
