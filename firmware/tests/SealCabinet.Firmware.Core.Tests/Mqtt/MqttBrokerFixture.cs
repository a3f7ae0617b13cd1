using System.Diagnostics;
using System.Security.Cryptography;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.LocalServices;

namespace SealCabinet.Firmware.Core.Tests.Mqtt;

/// <summary>
/// A real Mosquitto broker (LocalServices) configured as docs/device-protocol.md asks: user name = device
/// id, password = hex of the device's mqtt key, each device may read only its grants topic and write only
/// its status topic; a "cloud" account may use every topic.
/// </summary>
[SetUpFixture]
public sealed class MqttBrokerFixture
{
    public const string CloudUser = "cloud";
    public const string CloudPassword = "cloud-test-password";
    public const int DeviceCount = 6;

    private static MosquittoBroker? _broker;
    private static string? _directory;

    public static MosquittoBroker Broker => _broker ?? throw new InvalidOperationException("broker not started");

    /// <summary>Device ids with a broker account, one per test.</summary>
    public static string[] DeviceIds { get; } = Enumerable.Range(1, DeviceCount).Select(i => $"cab-mqtt-{i}-{Guid.NewGuid().ToString("N")[..6]}").ToArray();

    /// <summary>The secrets of <see cref="DeviceIds"/>.</summary>
    public static byte[][] Secrets { get; } = Enumerable.Range(0, DeviceCount).Select(_ => RandomNumberGenerator.GetBytes(32)).ToArray();

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _directory = Directory.CreateTempSubdirectory("sealcabinet-fw-mqtt-").FullName;
        string passwords = Path.Combine(_directory, "passwords");
        AddPassword(passwords, CloudUser, CloudPassword, create: true);
        for (int i = 0; i < DeviceCount; i++)
        {
            AddPassword(passwords, DeviceIds[i], DeviceKeys.Derive(Secrets[i], new ManagedMacProvider()).MqttPassword, create: false);
        }

        string acl = Path.Combine(_directory, "acl");
        await File.WriteAllTextAsync(acl, $"""
            user {CloudUser}
            topic readwrite sealcabinet/#

            pattern read sealcabinet/v1/devices/%u/grants
            pattern read sealcabinet/v1/devices/%u/withdrawals
            pattern read sealcabinet/v1/devices/%u/roster
            pattern write sealcabinet/v1/devices/%u/status

            """);
        // Run as root, mosquitto drops to its own account before reading these files: let it read them.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            foreach (string file in new[] { passwords, acl })
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
        }

        _broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { WorkDirectory = _directory, PasswordFile = passwords, AclFile = acl, AllowAnonymous = false });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_broker != null)
        {
            await _broker.DisposeAsync();
        }

        if (_directory != null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static void AddPassword(string file, string user, string password, bool create)
    {
        ProcessStartInfo start = new("mosquitto_passwd") { RedirectStandardError = true, RedirectStandardOutput = true };
        if (create)
        {
            start.ArgumentList.Add("-c");
        }

        foreach (string argument in new[] { "-b", file, user, password })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, process.StandardError.ReadToEnd());
    }
}
