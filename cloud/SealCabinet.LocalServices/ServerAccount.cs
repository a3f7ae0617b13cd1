namespace SealCabinet.LocalServices;

/// <summary>
/// PostgreSQL refuses to run as root, and builds and CI run as root: then the server runs as the
/// unprivileged <c>postgres</c> account (created by the OS package) through <c>runuser</c>.
/// </summary>
internal static class ServerAccount
{
    public const string UnprivilegedUser = "postgres";

    public static bool IsRoot => Environment.UserName == "root" || GetEffectiveUserId() == 0;

    /// <summary>Wraps a command so it runs as the unprivileged account when we are root.</summary>
    public static (string FileName, List<string> Arguments) AsServerUser(string fileName, IEnumerable<string> arguments)
    {
        if (!IsRoot)
        {
            return (fileName, arguments.ToList());
        }

        var wrapped = new List<string> { "-u", UnprivilegedUser, "--", fileName };
        wrapped.AddRange(arguments);
        return ("runuser", wrapped);
    }

    /// <summary>Gives a directory to the unprivileged account (root only), so the server may use it.</summary>
    public static async Task HandOverAsync(string directory, CancellationToken cancellationToken)
    {
        if (!IsRoot)
        {
            return;
        }

        var (exitCode, output) = await ProcessRunner.RunAsync(
            "chown", ["-R", $"{UnprivilegedUser}:", directory], cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new LocalServiceException(
                $"Running as root, the PostgreSQL data directory must belong to the '{UnprivilegedUser}' account, " +
                $"but 'chown' failed: {output.Trim()}. Install the OS package 'postgresql' (it creates the account).");
        }

        MakeTraversable(directory);
    }

    // The unprivileged account must be able to reach the directory through its parents.
    private static void MakeTraversable(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        for (var parent = Directory.GetParent(directory); parent is not null; parent = parent.Parent)
        {
            var mode = File.GetUnixFileMode(parent.FullName);
            if ((mode & UnixFileMode.OtherExecute) == 0)
            {
                File.SetUnixFileMode(parent.FullName, mode | UnixFileMode.OtherExecute);
            }
        }
    }

    private static uint GetEffectiveUserId()
    {
        try
        {
            var status = File.ReadAllLines("/proc/self/status");
            var line = status.FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            var fields = line?.Split('\t', StringSplitOptions.RemoveEmptyEntries);
            return fields is { Length: > 2 } && uint.TryParse(fields[2], out var euid) ? euid : uint.MaxValue;
        }
        catch (IOException)
        {
            return uint.MaxValue;
        }
    }
}
