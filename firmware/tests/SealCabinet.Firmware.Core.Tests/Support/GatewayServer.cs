using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SealCabinet.Firmware.Core.Tests.Support;

namespace SealCabinet.Firmware.Core.Tests;

/// <summary>
/// Kestrel on a free loopback port with a cleartext HTTP/1.1 endpoint, serving the test DeviceGateway
/// through Grpc.AspNetCore.Web: the same stack the cloud runs, reached the way the ESP32 reaches it.
/// </summary>
[SetUpFixture]
public sealed class GatewayServer
{
    private static WebApplication? _app;

    /// <summary>Base URL of the running gateway, e.g. http://127.0.0.1:41234.</summary>
    public static string BaseUrl { get; private set; } = string.Empty;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1));
        builder.Services.AddGrpc();
        _app = builder.Build();
        _app.UseGrpcWeb();
        _app.MapGrpcService<TestGatewayService>().EnableGrpcWeb();
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_app != null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
