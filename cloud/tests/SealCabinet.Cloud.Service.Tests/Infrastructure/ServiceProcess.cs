using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace SealCabinet.Cloud.Service.Tests.Infrastructure;

/// <summary>
/// The real service as a separate operating-system process (the built SealCabinet.Cloud.Service.dll) with
/// Kestrel on two loopback ports: h2c for native gRPC and HTTP/1.1 for gRPC-Web. It can be killed abruptly.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, int grpcPort, int grpcWebPort)
    {
        _process = process;
        GrpcPort = grpcPort;
        GrpcWebPort = grpcWebPort;
    }

    public int GrpcPort { get; }

    public int GrpcWebPort { get; }

    public string GrpcAddress => $"http://127.0.0.1:{GrpcPort}";

    public string GrpcWebAddress => $"http://127.0.0.1:{GrpcWebPort}";

    /// <summary>What the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the service with <paramref name="settings"/> (a fresh data directory unless one is given, and free ports are
    /// added) and waits until it serves.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, string name, string environment = "Development")
    {
        var service = Launch(settings, name, environment);
        await service.WaitUntilServingAsync();
        return service;
    }

    /// <summary>Runs the service until it exits by itself (a start that must fail), at most <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(
        IReadOnlyDictionary<string, string?> settings, string name, string environment, TimeSpan timeout)
    {
        await using var service = Launch(settings, name, environment);
        using var patience = new CancellationTokenSource(timeout);
        try
        {
            await service._process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"the service process did not exit within {timeout.TotalSeconds:0} s:\n{service.Output}");
        }

        return (service._process.ExitCode, service.Output);
    }

    /// <summary>Stops the process as an orchestrator does (SIGTERM) and waits at most a minute for it to exit.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } }))
        {
            await kill!.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"the service process did not stop within a minute of SIGTERM:\n{Output}");
        }

        return _process.ExitCode;
    }

    private static ServiceProcess Launch(IReadOnlyDictionary<string, string?> settings, string name, string environment)
    {
        var dll = typeof(Program).Assembly.Location;
        var grpcPort = FreePort();
        var webPort = FreePort();
        var all = new Dictionary<string, string?>
        {
            ["Hosting:DataDirectory"] = TestServers.NewDirectory("process-" + name),
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["Kestrel:Endpoints:GrpcWeb:Url"] = $"http://127.0.0.1:{webPort}",
            ["Kestrel:Endpoints:GrpcWeb:Protocols"] = "Http1",
            ["Mqtt:EmbeddedPort"] = "0",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = all["Hosting:DataDirectory"]!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in all)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        var process = new Process { StartInfo = start };
        var grpcUrl = new Uri(all["Kestrel:Endpoints:Grpc:Url"]!);
        var webUrl = new Uri(all["Kestrel:Endpoints:GrpcWeb:Url"]!);
        var service = new ServiceProcess(process, grpcUrl.Port, webUrl.Port);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    public GrpcChannel Channel() => GrpcChannel.ForAddress(GrpcAddress);

    /// <summary>Kills the process at once (no graceful shutdown) and waits for it to be gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilServingAsync()
    {
        using var channel = Channel();
        var health = new Health.HealthClient(channel);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                break;
            }

            try
            {
                if ((await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2))).Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (Grpc.Core.RpcException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"the service process did not become ready:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
