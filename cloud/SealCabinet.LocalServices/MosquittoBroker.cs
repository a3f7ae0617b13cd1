using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SealCabinet.LocalServices;

/// <summary>A real Mosquitto broker run as a child process on a loopback port.</summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private MosquittoBroker(Process process, int port, string configurationFile)
    {
        _process = process;
        Port = port;
        ConfigurationFile = configurationFile;
    }

    /// <summary>The address clients connect to.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The loopback port the broker listens on.</summary>
    public int Port { get; }

    /// <summary>The generated configuration file.</summary>
    public string ConfigurationFile { get; }

    /// <summary>What the broker printed so far (its log).</summary>
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

    /// <summary>Writes a configuration for <paramref name="options"/> and starts the broker.</summary>
    public static async Task<MosquittoBroker> StartAsync(MosquittoBrokerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var executable = Locate(options.ExecutablePath);
        Directory.CreateDirectory(options.WorkDirectory);

        // A port picked here was free a moment ago, but another process may bind it first: a picked port that
        // turns out taken is replaced by another (an explicit one is not).
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port != 0 ? options.Port : FreePort.Next();
            var broker = await LaunchAsync(executable, options, port, cancellationToken).ConfigureAwait(false);
            if (broker.Listening)
            {
                return broker;
            }

            var output = broker.Output.Trim();
            await broker.DisposeAsync().ConfigureAwait(false);
            if (options.Port != 0 || attempt == 3 || !output.Contains("Address already in use", StringComparison.Ordinal))
            {
                throw new LocalServiceException($"mosquitto did not start listening on 127.0.0.1:{port}: {output}");
            }
        }
    }

    /// <summary>Stops the broker and waits for it to exit.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the broker.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private bool Listening { get; set; }

    private static async Task<MosquittoBroker> LaunchAsync(string executable, MosquittoBrokerOptions options, int port, CancellationToken cancellationToken)
    {
        var configurationFile = Path.Combine(Path.GetFullPath(options.WorkDirectory), $"mosquitto-{port}.conf");
        await File.WriteAllTextAsync(configurationFile, Configuration(options, port), cancellationToken).ConfigureAwait(false);

        var process = new Process { StartInfo = ProcessRunner.CreateStartInfo(executable, ["-c", configurationFile]) };
        var broker = new MosquittoBroker(process, port, configurationFile);
        process.OutputDataReceived += (_, e) => broker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => broker.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // The broker's own "mosquitto version … running" line, written once every listener is bound (stderr is
        // unbuffered, level information), not just an open port: whatever else holds the port accepts connections too.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline && !process.HasExited && !Running(broker.Output))
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        if (process.HasExited)
        {
            // Drains the output readers, so the broker's last words are in Output.
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return broker;
        }

        broker.Listening = Running(broker.Output)
            && await FreePort.WaitUntilListeningAsync(port, deadline - DateTime.UtcNow, cancellationToken).ConfigureAwait(false);
        return broker;
    }

    private static bool Running(string output) => output.Split('\n').Any(line =>
        line.Contains("mosquitto version ", StringComparison.Ordinal) && line.TrimEnd().EndsWith(" running", StringComparison.Ordinal));

    private static string Locate(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath) ? explicitPath : throw NotFound([explicitPath]);
        }

        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin")
            .Select(directory => Path.Combine(directory, "mosquitto"))
            .ToList();
        return candidates.FirstOrDefault(File.Exists) ?? throw NotFound(candidates);
    }

    private static LocalServiceException NotFound(IEnumerable<string> searched) => new(
        "The Mosquitto broker was not found (looked for " + string.Join(", ", searched) + "). " +
        "Install it with 'sudo apt-get install -y mosquitto' on Debian/Ubuntu (./build.sh does this when run as root).");

    private static string Configuration(MosquittoBrokerOptions options, int port)
    {
        var configuration = new StringBuilder()
            .AppendLine("per_listener_settings false")
            .AppendLine("persistence false")
            .AppendLine("log_dest stderr")
            .AppendLine("log_type error")
            .AppendLine("log_type warning")
            .AppendLine("log_type notice")
            .AppendLine("log_type information")
            .AppendLine(CultureInfo.InvariantCulture, $"listener {port} 127.0.0.1")
            .AppendLine(CultureInfo.InvariantCulture, $"allow_anonymous {(options.AllowAnonymous ? "true" : "false")}");
        if (options.PasswordFile is not null)
        {
            configuration.AppendLine(CultureInfo.InvariantCulture, $"password_file {Path.GetFullPath(options.PasswordFile)}");
        }

        if (options.AclFile is not null)
        {
            configuration.AppendLine(CultureInfo.InvariantCulture, $"acl_file {Path.GetFullPath(options.AclFile)}");
        }

        return configuration.ToString();
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
}
