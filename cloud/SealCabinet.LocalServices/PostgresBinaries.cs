namespace SealCabinet.LocalServices;

/// <summary>The PostgreSQL server programs a private cluster needs.</summary>
public sealed class PostgresBinaries
{
    private static readonly string[] RequiredPrograms = ["initdb", "pg_ctl", "postgres"];

    private PostgresBinaries(string directory)
    {
        Directory = directory;
    }

    /// <summary>The directory holding initdb, pg_ctl and postgres.</summary>
    public string Directory { get; }

    /// <summary>Path of initdb.</summary>
    public string InitDb => Path.Combine(Directory, "initdb");

    /// <summary>Path of pg_ctl.</summary>
    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    /// <summary>
    /// Finds the binaries: in <paramref name="explicitDirectory"/> when given, else on PATH, else under
    /// /usr/lib/postgresql/&lt;version&gt;/bin (newest version first), where Debian and Ubuntu put them.
    /// </summary>
    public static PostgresBinaries Locate(string? explicitDirectory = null)
    {
        if (explicitDirectory is not null)
        {
            return LocateIn([explicitDirectory]);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("SEALCABINET_PG_BIN");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return LocateIn([fromEnvironment]);
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return LocateIn(path.Concat(DistributionDirectories("/usr/lib/postgresql")));
    }

    /// <summary>Finds the binaries in the first of <paramref name="candidates"/> that holds all of them.</summary>
    public static PostgresBinaries LocateIn(IEnumerable<string> candidates)
    {
        var searched = new List<string>();
        foreach (var candidate in candidates)
        {
            searched.Add(candidate);
            if (RequiredPrograms.All(program => File.Exists(Path.Combine(candidate, program))))
            {
                return new PostgresBinaries(candidate);
            }
        }

        throw new LocalServiceException(
            "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found in: " +
            (searched.Count == 0 ? "(nowhere to look)" : string.Join(", ", searched)) + ". " +
            "Install them with 'sudo apt-get install -y postgresql' on Debian/Ubuntu (./build.sh does this when run as root), " +
            "or point SEALCABINET_PG_BIN at the directory that holds them.");
    }

    private static IEnumerable<string> DistributionDirectories(string root)
    {
        if (!System.IO.Directory.Exists(root))
        {
            return [];
        }

        return System.IO.Directory.GetDirectories(root)
            .Select(versionDirectory => (Version: int.TryParse(Path.GetFileName(versionDirectory), out var v) ? v : 0, Bin: Path.Combine(versionDirectory, "bin")))
            .OrderByDescending(entry => entry.Version)
            .Select(entry => entry.Bin);
    }
}
