using System.Diagnostics;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using System.Text;
using SealCabinet.LocalServices;

namespace SealCabinet.HardwareSim.Demo;

/// <summary>
/// The real cloud service as a child process in embedded mode (private PostgreSQL in its data directory, in-process
/// MQTT broker, development keys), on free loopback ports: native gRPC (HTTP/2), gRPC-Web (HTTP/1.1), MQTT.
/// </summary>
public sealed class CloudServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CloudServiceProcess(Process process, string dataDirectory, int grpcPort, int grpcWebPort, int mqttPort)
    {
        _process = process;
        DataDirectory = dataDirectory;
        GrpcUrl = $"http://127.0.0.1:{grpcPort}";
        GrpcWebUrl = $"http://127.0.0.1:{grpcWebPort}";
        MqttPort = mqttPort;
    }

    /// <summary>The data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>Native gRPC endpoint (HTTP/2).</summary>
    public string GrpcUrl { get; }

    /// <summary>gRPC-Web endpoint for cabinets (HTTP/1.1).</summary>
    public string GrpcWebUrl { get; }

    /// <summary>
    /// The web console's address for a browser: the gRPC-Web endpoint by host name, since passkeys (WebAuthn) need a
    /// host name and the embedded service's relying party is <c>localhost</c>.
    /// </summary>
    public string ConsoleUrl => $"http://localhost:{new Uri(GrpcWebUrl).Port}";

    /// <summary>
    /// The file in the data directory listing, one per line, every address the web console was served from on that
    /// data (<see cref="ConsoleUrl"/> of each start; the ports change from start to start).
    /// </summary>
    public const string ConsoleOriginsFileName = "console-origins";

    /// <summary>
    /// Every origin the web console was served from on this data directory, this start's <see cref="ConsoleUrl"/>
    /// among them, oldest first. An approval signed in the console carries the origin of its day in clientDataJSON, so an
    /// offline check of the ledger's approvals (<c>sealctl audit verify --origin</c>) admits them all.
    /// </summary>
    public IReadOnlyList<string> ConsoleOrigins => File.ReadAllLines(Path.Combine(DataDirectory, ConsoleOriginsFileName)).Where(l => l.Length > 0).ToList();

    /// <summary>
    /// The file in the data directory listing, one per line, the fingerprints of the root passkeys made on that data
    /// (<see cref="RootAdministrator"/> appends each): what a supervisor of the demo trusts.
    /// </summary>
    public const string TrustedRootsFileName = "trusted-roots";

    /// <summary>Every root passkey's fingerprint made on this data directory, oldest first (none before the first).</summary>
    public IReadOnlyList<string> TrustedRoots
    {
        get
        {
            var path = Path.Combine(DataDirectory, TrustedRootsFileName);
            return File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToList() : [];
        }
    }

    /// <summary>
    /// A gRPC-Web channel to <see cref="ConsoleUrl"/>, as the console in a phone's browser calls the service: passkey
    /// ceremonies over it have the relying party <c>localhost</c> and the console's origin.
    /// </summary>
    public GrpcChannel OpenConsoleChannel() => GrpcChannel.ForAddress(ConsoleUrl, new GrpcChannelOptions
    {
        HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new HttpClientHandler()),
        HttpVersion = System.Net.HttpVersion.Version11,
    });

    /// <summary>Embedded broker host.</summary>
    public string MqttHost => "127.0.0.1";

    /// <summary>Embedded broker port.</summary>
    public int MqttPort { get; }

    /// <summary>Process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>What the service logged so far.</summary>
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

    /// <summary>Starts the service and waits until the host reports it started (every endpoint bound).</summary>
    /// <param name="options">Where the service and its data are.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The running service.</returns>
    /// <exception cref="InvalidOperationException">The service could not be started; the message carries its log.</exception>
    public static async Task<CloudServiceProcess> StartAsync(CloudServiceOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(options.ServiceDll))
        {
            throw new InvalidOperationException($"the cloud service is not built: {options.ServiceDll} does not exist (dotnet build cloud/SealCabinet.Cloud.Service)");
        }

        var data = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(data);

        // Ports picked here were free a moment ago, but another process may bind one first: a start that fails on
        // a picked port in use is tried again on new ones (explicit ports are not replaced).
        var picked = options.GrpcPort == 0 || options.GrpcWebPort == 0 || options.MqttPort == 0;
        for (var attempt = 1; ; attempt++)
        {
            var service = Launch(options, data);
            var failure = await WaitUntilStartedAsync(service, options.StartTimeout, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                service.RecordConsoleOrigin();
                return service;
            }

            var output = service.Output;
            await service.DisposeAsync().ConfigureAwait(false);
            if (!picked || attempt == 3 || !output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"the cloud service did not start ({failure}):{Environment.NewLine}{output}");
            }
        }
    }

    private static CloudServiceProcess Launch(CloudServiceOptions options, string data)
    {
        int grpc = options.GrpcPort > 0 ? options.GrpcPort : FreePort.Next();
        int web = options.GrpcWebPort > 0 ? options.GrpcWebPort : FreePort.Next();
        int mqtt = options.MqttPort > 0 ? options.MqttPort : FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The service reads appsettings.json from its content root: its own directory.
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(options.ServiceDll))!,
        };
        string[] arguments =
        [
            options.ServiceDll,
            $"--Hosting:DataDirectory={data}",
            $"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{grpc}",
            "--Kestrel:Endpoints:Grpc:Protocols=Http2",
            $"--Kestrel:Endpoints:GrpcWeb:Url=http://127.0.0.1:{web}",
            "--Kestrel:Endpoints:GrpcWeb:Protocols=Http1",
            $"--Mqtt:EmbeddedPort={mqtt}",
            .. options.ExtraArguments,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Embedded mode with generated development keys is a Development set-up.
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = new Process { StartInfo = start };
        var service = new CloudServiceProcess(process, data, grpc, web, mqtt);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>
    /// Waits for the host's own "Application started" line, logged once every hosted service (the embedded broker
    /// among them) and every Kestrel endpoint is bound — not for open ports, which whatever else holds a port would
    /// also give.
    /// </summary>
    /// <returns>Null once started, else what went wrong.</returns>
    private static async Task<string?> WaitUntilStartedAsync(CloudServiceProcess service, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var exited = service._process.WaitForExitAsync(patience.Token);
        var done = await Task.WhenAny(service._started.Task, exited, Task.Delay(timeout, patience.Token)).ConfigureAwait(false);
        await patience.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (done == service._started.Task)
        {
            return null;
        }

        // WaitForExitAsync completes after the output readers drained, so the service's last words are in Output.
        return done == exited ? $"it exited with code {service._process.ExitCode}" : $"not started within {timeout.TotalSeconds:0} s";
    }

    /// <summary>Waits until the process exits (by itself: the service stopped or failed).</summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>A task.</returns>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Stops the service gracefully (SIGTERM: the embedded cluster shuts down cleanly), killing it after 30 s.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_process.HasExited)
        {
            _process.Dispose();
            return;
        }

        using (var terminate = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false }))
        {
            if (terminate is not null)
            {
                await terminate.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(patience.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private void RecordConsoleOrigin()
    {
        var path = Path.Combine(DataDirectory, ConsoleOriginsFileName);
        if (!File.Exists(path) || !File.ReadAllLines(path).Contains(ConsoleUrl, StringComparer.Ordinal))
        {
            File.AppendAllLines(path, [ConsoleUrl]);
        }
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

        if (line.Contains("Application started", StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }
    }
}
