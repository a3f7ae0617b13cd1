using System.CommandLine;
using System.Globalization;
using Npgsql;
using SealCabinet.Cloud.Tool.Supervision;
using SealCabinet.Cloud.Tool.Infrastructure;
using SealCabinet.Contracts.V1;
using SealCabinet.Ledger.Bundles;
using SealCabinet.Ledger.Signing;

namespace SealCabinet.Cloud.Tool.Commands;

/// <summary>The verifiable ledger: tree heads, the public key, bundle export and offline verification.</summary>
internal static class AuditCommands
{
    /// <summary>Exit code of a verification that found failures.</summary>
    public const int VerificationFailed = 4;

    public static Command Create() => new("audit", "The verifiable ledger (supervisors)") { Head(), PublicKey(), Export(), Verify() };

    private static Command Head()
    {
        var sign = new Option<bool>("--sign") { Description = "Sign a fresh head over the current ledger first" };
        var save = new Option<FileInfo?>("--save") { Description = "Keep the head in this file (for 'audit verify --saved-head')" };
        var command = new Command("head", "Show the latest signed tree head") { sign, save };
        command.SetAction(Handler.Run(async (parse, ct) =>
        {
            using var cloud = CloudConnection.Connect(parse);
            var head = parse.GetValue(sign)
                ? (await cloud.Audit.SignTreeHeadAsync(new SignTreeHeadRequest(), cancellationToken: ct)).TreeHead
                : (await cloud.Audit.GetTreeHeadAsync(new GetTreeHeadRequest(), cancellationToken: ct)).TreeHead;
            if (parse.GetValue(save) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, SavedTreeHead.ToJson(AuditExport.FromWire(head)), ct);
            }

            Output.Write(parse, head, () => Output.Properties(
                ("tree size", head.TreeSize.ToString(CultureInfo.InvariantCulture)),
                ("root hash", Convert.ToHexStringLower(head.RootHash.ToByteArray())),
                ("signed", DateTimeOffset.FromUnixTimeMilliseconds(head.TimestampMs).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                ("key id", Convert.ToHexStringLower(head.KeyId.ToByteArray()))));
        }));
        return command;
    }

    private static Command PublicKey()
    {
        var output = new Option<FileInfo?>("--out") { Description = "Write the PEM here instead of printing it" };
        var command = new Command("public-key", "Print the ledger's public key (PEM) and key id") { output };
        command.SetAction(Handler.Run(async (parse, ct) =>
        {
            using var cloud = CloudConnection.Connect(parse);
            var response = await cloud.Audit.GetLedgerPublicKeyAsync(new GetLedgerPublicKeyRequest(), cancellationToken: ct);
            var pem = LedgerPublicKey.FromSubjectPublicKeyInfo(response.PublicKey.ToByteArray()).ExportPem();
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, pem + "\n", ct);
            }
            else
            {
                Console.Out.WriteLine(pem);
            }

            Console.Error.WriteLine("key id " + Convert.ToHexStringLower(response.KeyId.ToByteArray()));
        }));
        return command;
    }

    private static Command Export()
    {
        var output = new Option<FileInfo>("--out") { Description = "Bundle file to write", Required = true };
        var from = new Option<ulong>("--from") { Description = "First entry index (default 0: the whole ledger)" };
        var sinceSize = new Option<ulong[]>("--since-size") { Description = "Include a consistency proof from this earlier tree size", AllowMultipleArgumentsPerToken = true };
        var savedHead = new Option<FileInfo?>("--saved-head") { Description = "A head saved earlier: include the consistency proof from its size" };
        var sign = new Option<bool>("--sign") { Description = "Sign a fresh head first, so every entry so far is covered" };
        var command = new Command("export", "Write an audit bundle (docs/supervision.md §5)") { output, from, sinceSize, savedHead, sign };
        command.SetAction(Handler.Run(async (parse, ct) =>
        {
            var sizes = (parse.GetValue(sinceSize) ?? []).ToList();
            if (parse.GetValue(savedHead) is { } headFile)
            {
                sizes.Add(SavedTreeHead.Parse(ReadFile(headFile, "--saved-head"), headFile.FullName).TreeSize);
            }

            using var cloud = CloudConnection.Connect(parse);
            var bundle = await AuditExport.CreateAsync(cloud.Audit, parse.GetValue(from), sizes, parse.GetValue(sign), ct);
            await File.WriteAllBytesAsync(parse.GetValue(output)!.FullName, bundle.ToJson(), ct);
            var latest = bundle.TreeHeads[^1];
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"exported entries {bundle.EntriesStart}..{latest.TreeSize} under the head of size {latest.TreeSize} (root {Convert.ToHexStringLower(latest.RootHash)}), {bundle.ConsistencyProofs.Count} consistency proof(s)"));
        }));
        return command;
    }

    private static Command Verify()
    {
        var bundleFile = new Option<FileInfo>("--bundle") { Description = "The exported bundle", Required = true };
        var keyFile = new Option<FileInfo>("--public-key") { Description = "The ledger public key you trust (PEM), obtained out of band", Required = true };
        var savedHead = new Option<FileInfo?>("--saved-head") { Description = "A head you saved earlier: the bundle must extend it" };
        var database = new Option<string?>("--database") { Description = "Npgsql connection string: also check that the rows stored now hash to the proven leaves" };
        var rpId = new Option<string?>("--rp-id") { Description = "The WebAuthn relying-party id approvals are signed for (the console's host name, e.g. seal.example; embedded: localhost)" };
        var origins = new Option<string[]>("--origin") { Description = "An origin the web console is served from, exactly as browsers write it (repeatable, e.g. https://seal.example)" };
        var requireSigned = new Option<bool>("--require-signed-approvals")
        {
            Description = "Fail on an approval or rejection without a signature, a passkey registered without an administrator's endorsement, and a grant without a signed approval",
        };
        var trustedRoots = new Option<string[]>("--trusted-root")
        {
            Description = "The fingerprint of a root passkey you trust, learned out of band (repeatable); any other root fails",
        };
        var command = new Command("verify", "Verify a bundle offline, its signed approvals included; exit code 4 when anything fails")
        {
            bundleFile, keyFile, savedHead, database, rpId, origins, requireSigned, trustedRoots,
        };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var approvals = ApprovalChecks.From(
                    parse.GetValue(rpId), parse.GetValue(origins) ?? [], parse.GetValue(requireSigned), parse.GetValue(trustedRoots) ?? []);
                var result = await VerifyAsync(
                    ReadFile(parse.GetValue(bundleFile)!, "--bundle"),
                    ReadFile(parse.GetValue(keyFile)!, "--public-key"),
                    parse.GetValue(savedHead) is { } h ? ReadFile(h, "--saved-head") : null,
                    parse.GetValue(database),
                    approvals,
                    ct);
                foreach (var line in VerificationReport.Lines(result))
                {
                    Console.Out.WriteLine(line);
                }

                return result.IsValid ? 0 : VerificationFailed;
            }
            catch (UsageException e)
            {
                Console.Error.WriteLine("sealctl: " + e.Message);
                return Handler.UsageError;
            }
        });
        return command;
    }

    /// <summary>
    /// The whole verification, as 'sealctl audit verify' runs it (texts of the files; rows read when a connection
    /// string is given; approvals checked as <paramref name="approvals"/> says).
    /// </summary>
    public static async Task<BundleVerificationResult> VerifyAsync(
        string bundleJson, string publicKeyPem, string? savedHeadJson, string? connectionString, ApprovalChecks approvals, CancellationToken ct)
    {
        AuditBundle bundle;
        try
        {
            bundle = AuditBundle.Parse(System.Text.Encoding.UTF8.GetBytes(bundleJson));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or System.Text.Json.JsonException)
        {
            throw new UsageException("--bundle: " + e.Message);
        }

        LedgerPublicKey key;
        try
        {
            key = LedgerPublicKey.FromPem(publicKeyPem);
        }
        catch (ArgumentException e)
        {
            throw new UsageException("--public-key: " + e.Message);
        }

        var saved = savedHeadJson is null ? null : SavedTreeHead.Parse(savedHeadJson, "--saved-head");
        IReadOnlyList<StoredRecord>? rows = null;
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            try
            {
                rows = await StoredLedgerRows.ReadAsync(connectionString, ct);
            }
            catch (Exception e) when (e is NpgsqlException or ArgumentException)
            {
                // A malformed connection string (ArgumentException), a server that cannot be reached or refuses the
                // login, or a database without the ledger: the rows cannot be compared, so nothing is verified.
                throw new UsageException("--database: the ledger rows could not be read: " + e.Message);
            }
        }

        return BundleVerifier.Verify(bundle, key, approvals.Options(saved, rows));
    }

    private static string ReadFile(FileInfo file, string option)
    {
        if (!file.Exists)
        {
            throw new UsageException($"{option}: file '{file.FullName}' does not exist");
        }

        return File.ReadAllText(file.FullName);
    }
}
