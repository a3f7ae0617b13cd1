using System.Text;

namespace SealCabinet.HardwareSim.Demo;

/// <summary>One ready-made sealctl command line: its arguments, and how its shell line uses the result.</summary>
/// <param name="Arguments">sealctl's arguments exactly as sealctl receives them (an argument <c>$NAME</c> is a shell variable).</param>
/// <param name="Export">The shell variable the command's output is exported to (<c>export NAME=$(sealctl …)</c>), or null.</param>
/// <param name="TokenVariable">The shell variable holding the token this command runs with (<c>SEALCTL_TOKEN=$NAME sealctl …</c>), or null for the exported <c>SEALCTL_TOKEN</c>.</param>
public sealed record SealctlCommand(IReadOnlyList<string> Arguments, string? Export = null, string? TokenVariable = null)
{
    /// <summary>The shell line (POSIX sh) running it.</summary>
    /// <returns>The line.</returns>
    public string Render()
    {
        var line = new StringBuilder();
        if (TokenVariable is not null)
        {
            line.Append("SEALCTL_TOKEN=$").Append(TokenVariable).Append(' ');
        }

        line.Append("sealctl");
        foreach (var argument in Arguments)
        {
            line.Append(' ').Append(SealctlHints.Quote(argument));
        }

        return Export is null ? line.ToString() : $"export {Export}=$({line})";
    }
}

/// <summary>
/// The sealctl commands printed for a running demo cloud (<c>sealsim demo --keep</c>, <c>sealsim cloud</c>): tokens of the
/// demo's people, filing and approving a request, and the supervisor's export and offline verification.
/// </summary>
public static class SealctlHints
{
    /// <summary>The demo's scanned page, kept in the data directory so the printed <c>requests submit</c> can file it again.</summary>
    public const string ScannedPageFileName = "scanned-page.jpg";

    /// <summary>The cloud service's file with the read-only connection string for <c>sealctl audit verify --database</c>.</summary>
    public const string LedgerReaderConnectionFileName = "ledger-reader.connection";

    /// <summary>The shell lines, in the order to run them.</summary>
    /// <param name="grpcUrl">The cloud's native gRPC endpoint.</param>
    /// <param name="dataDirectory">The cloud's data directory.</param>
    /// <param name="repositoryRoot">The repository (for <c>dotnet run --project</c>), or null when unknown.</param>
    /// <returns>The lines (comments start with <c>#</c>).</returns>
    public static IReadOnlyList<string> Lines(string grpcUrl, string dataDirectory, string? repositoryRoot)
    {
        var tool = repositoryRoot is null ? "cloud/SealCabinet.Cloud.Tool" : Path.Combine(repositoryRoot, "cloud", "SealCabinet.Cloud.Tool");
        var commands = Commands(dataDirectory);
        var lines = new List<string>
        {
            $"sealctl() {{ dotnet run --project {Quote(tool)} -- \"$@\"; }}",
            $"export SEALCTL_URL={Quote(grpcUrl)}",
        };
        foreach (var command in commands)
        {
            if (command.Arguments is ["requests", "approve", ..])
            {
                lines.Add("REQUEST_ID=...   # the request id that 'requests submit' printed");
            }

            lines.Add(command.Render());
        }

        return lines;
    }

    /// <summary>The sealctl commands of <see cref="Lines"/> (what a test parses with sealctl's own parser).</summary>
    /// <param name="dataDirectory">The cloud's data directory.</param>
    /// <returns>The commands.</returns>
    public static IReadOnlyList<SealctlCommand> Commands(string dataDirectory)
    {
        var village = DemoStory.VillageId;
        string In(string file) => Path.Combine(dataDirectory, file);
        string[] Token(string person, string role) => ["token", "--data-dir", dataDirectory, "--person", person, "--role", role];
        return
        [
            new(Token("li-mei", $"custodian@village:{village}"), Export: "SEALCTL_TOKEN"),
            new(["requests", "submit", "--village", village, "--seal", "committee", "--matter", "BIZ-PREMISES", "--applicant", "王小明",
                "--purpose", "开办小卖部", "--copies", "1", "--material", In(ScannedPageFileName)]),
            new(Token("wang-jianguo", $"approver:COMMITTEE@village:{village}"), Export: "APPROVER"),
            new(["requests", "list", "--state", "submitted"], TokenVariable: "APPROVER"),
            new(["requests", "approve", "$REQUEST_ID", "--comment", "同意"], TokenVariable: "APPROVER"),
            new(Token("chen-jijian", $"supervisor@village:{village}"), Export: "SUPERVISOR"),
            new(["audit", "public-key", "--out", In("ledger.pem")], TokenVariable: "SUPERVISOR"),
            new(["audit", "export", "--sign", "--out", In("bundle.json")], TokenVariable: "SUPERVISOR"),
            new(["audit", "verify", "--bundle", In("bundle.json"), "--public-key", In("ledger.pem"),
                "--database", $"$(cat {Quote(In(LedgerReaderConnectionFileName))})"]),
        ];
    }

    /// <summary>Quotes an argument for a POSIX shell; <c>$NAME</c> and <c>$(…)</c> stay expansions, in double quotes.</summary>
    /// <param name="argument">The argument.</param>
    /// <returns>The word as typed into the shell.</returns>
    public static string Quote(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        if (argument.StartsWith('$'))
        {
            return $"\"{argument}\"";
        }

        return argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "@%+=:,./_-".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
