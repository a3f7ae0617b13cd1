namespace SealCabinet.HardwareSim.Demo;

/// <summary>
/// The sealctl commands printed for a running demo cloud (<c>sealsim demo --keep</c>, <c>sealsim cloud</c>): tokens of the
/// demo's people, filing a request, where approving happens, and the supervisor's export and offline verification.
/// </summary>
public static class SealctlHints
{
    /// <summary>The demo's scanned page, kept in the data directory so the printed <c>requests submit</c> can file it again.</summary>
    public const string ScannedPageFileName = "scanned-page.jpg";

    /// <summary>The cloud service's file with the read-only connection string for <c>sealctl audit verify --database</c>.</summary>
    public const string LedgerReaderConnectionFileName = "ledger-reader.connection";

    /// <summary>The shell lines, in the order to run them.</summary>
    /// <param name="grpcUrl">The cloud's native gRPC endpoint.</param>
    /// <param name="consoleUrl">The web console's address now.</param>
    /// <param name="dataDirectory">The cloud's data directory.</param>
    /// <param name="consoleOrigins">Every address the console was served from on this data (<see cref="CloudServiceProcess.ConsoleOrigins"/>).</param>
    /// <param name="repositoryRoot">The repository (for <c>dotnet run --project</c>), or null when unknown.</param>
    /// <param name="trustedRoots">The root passkeys' fingerprints made on this data (<see cref="CloudServiceProcess.TrustedRoots"/>).</param>
    /// <returns>The lines (comments start with <c>#</c>).</returns>
    public static IReadOnlyList<string> Lines(
        string grpcUrl, string consoleUrl, string dataDirectory, IReadOnlyList<string> consoleOrigins, string? repositoryRoot, IReadOnlyList<string>? trustedRoots = null)
    {
        var tool = repositoryRoot is null ? "cloud/SealCabinet.Cloud.Tool" : Path.Combine(repositoryRoot, "cloud", "SealCabinet.Cloud.Tool");
        var lines = new List<string>
        {
            $"sealctl() {{ dotnet run --project {Quote(tool)} -- \"$@\"; }}",
            $"export SEALCTL_URL={Quote(grpcUrl)}",
        };
        foreach (var command in Commands(dataDirectory, consoleOrigins, trustedRoots))
        {
            lines.Add(command.Render());
            if (command.Arguments is ["requests", "list", ..])
            {
                // Every decision is signed with the approver's passkey (Approvals:RequireSignature), which sealctl cannot
                // do: a printed 'requests approve' would only be refused.
                lines.Add($"# approving signs with 王建国's passkey, which sealctl cannot do: he approves in the web console ({consoleUrl}), signed in with the passkey");
                lines.Add($"# his invitation link enrols ('sealsim demo --keep' prints one; 'sealctl people invite wang-jianguo --console {consoleUrl}' as an administrator makes a new one)");
            }
        }

        return lines;
    }

    /// <summary>The sealctl commands of <see cref="Lines"/> (what a test parses with sealctl's own parser).</summary>
    /// <param name="dataDirectory">The cloud's data directory.</param>
    /// <param name="consoleOrigins">Every address the console was served from on this data: the origins signed approvals may carry.</param>
    /// <param name="trustedRoots">The root passkeys' fingerprints the supervisor trusts (none: roots are only listed).</param>
    /// <returns>The commands.</returns>
    public static IReadOnlyList<SealctlCommand> Commands(string dataDirectory, IReadOnlyList<string> consoleOrigins, IReadOnlyList<string>? trustedRoots = null)
    {
        ArgumentNullException.ThrowIfNull(consoleOrigins);
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
            new(Token("chen-jijian", $"supervisor@village:{village}"), Export: "SUPERVISOR"),
            new(["audit", "public-key", "--out", In("ledger.pem")], TokenVariable: "SUPERVISOR"),
            new(["audit", "export", "--sign", "--out", In("bundle.json")], TokenVariable: "SUPERVISOR"),
            new(["audit", "verify", "--bundle", In("bundle.json"), "--public-key", In("ledger.pem"),
                "--database", $"$(cat {Quote(In(LedgerReaderConnectionFileName))})",
                "--rp-id", DemoStory.RelyingPartyId, .. consoleOrigins.SelectMany(origin => new[] { "--origin", origin }),
                .. (trustedRoots ?? []).SelectMany(root => new[] { "--trusted-root", root }), "--require-signed-approvals"]),
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
