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
        var app = builder.Build();
        if (migrate)
        {
            return await MigrateAsync(app);
        }

        app.MapCloudService();
        await app.RunAsync();
        return 0;
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
