namespace SealCabinet.Cloud.Service.Hosting;

/// <summary>Loads the keys at start so a missing or malformed key stops the service at once, not at the first call.</summary>
internal sealed class KeyMaterialCheck(KeyMaterial keys) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = keys.MasterKey;
        _ = keys.SymmetricSigning;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
