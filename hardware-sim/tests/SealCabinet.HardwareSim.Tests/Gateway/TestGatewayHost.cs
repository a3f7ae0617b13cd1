using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SealCabinet.HardwareSim.Tests.Gateway;

/// <summary>An in-test ASP.NET Core gRPC service with gRPC-Web on an HTTP/1.1 loopback port, hosting <see cref="TestDeviceGatewayService"/>.</summary>
internal sealed class TestGatewayHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, GatewayDevice> _devices = new();
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = string.Empty;

    public static async Task<TestGatewayHost> StartAsync()
    {
        var host = new TestGatewayHost();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(host);
        var app = builder.Build();
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.MapGrpcService<TestDeviceGatewayService>();
        await app.StartAsync().ConfigureAwait(false);
        host._app = app;
        host.BaseUrl = app.Urls.First();
        return host;
    }

    public GatewayDevice Register(string deviceId, byte[] secret) => _devices[deviceId] = new GatewayDevice(deviceId, secret);

    public GatewayDevice? Find(string deviceId) => _devices.GetValueOrDefault(deviceId);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
