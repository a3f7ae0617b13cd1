extern alias sealctl;

using SealCabinet.Cloud.Service.Tests.Infrastructure;
using System.Buffers.Text;
using SealCabinet.Cloud.Service.Recording;
using SealCabinet.Contracts.V1;
using SealCabinet.Ledger.Approvals;
using SealCabinet.Ledger.Records;
using SealCabinet.Ledger.Signing;
using SealCabinet.Passkeys.Software;
using AuditCommands = sealctl::SealCabinet.Cloud.Tool.Commands.AuditCommands;
using AuditExport = sealctl::SealCabinet.Cloud.Tool.Supervision.AuditExport;
using SealctlApp = sealctl::SealCabinet.Cloud.Tool.SealctlApp;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>
/// <c>sealctl audit verify</c> run as a supervisor runs it, on bundles of a real ledger that holds an unsigned approval
/// and, after it, one signed with the approver's passkey endorsed by the root administrator — and, in a later bundle,
/// a passkey registration and approval fabricated by someone holding the database: the passkeys, approvals and grants
/// it prints, and when it exits 4.
/// </summary>
[TestFixture]
public sealed class SealctlAuditApprovalsTests
{
    private const string Origin = "http://localhost";

    private CloudServiceHost _host = null!;
    private SoftwarePasskey _passkey = null!;
    private string _directory = "";
    private string _approverId = "";
    private string _unsignedRequest = "";
    private string _signedRequest = "";
    private string _forgedRequest = "";
    private string _rootFingerprint = "";

    /// <summary>The credential as sealctl names it: the first 8 characters of its base64 id.</summary>
    private string ShortId => Convert.ToBase64String(_passkey.CredentialId)[..8] + "…";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // Signatures optional (the test hosts' default), so that the ledger can hold an unsigned approval as one
        // written before approvals were signed does.
        _host = await CloudServiceHost.StartAsync("audit-approvals");
        var village = await Village.CreateUniqueAsync(_host, "audit-approvals");
        _unsignedRequest = (await village.SubmitAsync()).RequestId;
        await village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = _unsignedRequest });
        var audit = village.Supervisor.Audit;
        var signedPartStart = (await audit.SignTreeHeadAsync(new SignTreeHeadRequest())).TreeHead.TreeSize;

        _passkey = new SoftwarePasskey();
        (_approverId, var approver) = await village.EnrolApproverAsync("signer", _passkey);
        _signedRequest = (await village.SubmitAsync()).RequestId;
        var begun = await approver.Requests.BeginDecisionSignatureAsync(new BeginDecisionSignatureRequest { RequestId = _signedRequest, Decision = DecisionKind.Approve });
        await approver.Requests.ApproveRequestAsync(new ApproveRequestRequest
        {
            RequestId = _signedRequest,
            Signature = new DecisionSignature { CeremonyId = begun.CeremonyId, CredentialJson = _passkey.Authenticate(begun.OptionsJson) },
        });

        _directory = TestServers.NewDirectory("audit-approvals");
        var key = await audit.GetLedgerPublicKeyAsync(new GetLedgerPublicKeyRequest());
        await File.WriteAllTextAsync(PathOf("ledger.pem"), LedgerPublicKey.FromSubjectPublicKeyInfo(key.PublicKey.ToByteArray()).ExportPem());
        var whole = await AuditExport.CreateAsync(audit, 0, [], signNow: true, CancellationToken.None);
        await File.WriteAllBytesAsync(PathOf("whole.json"), whole.ToJson());

        // From the enrolment on: the credential's registration, the signed approval and its grant, nothing unsigned.
        var signedPart = await AuditExport.CreateAsync(audit, signedPartStart, [], signNow: false, CancellationToken.None);
        await File.WriteAllBytesAsync(PathOf("signed-part.json"), signedPart.ToJson());
        _rootFingerprint = CredentialEndorsements.Fingerprint((await _host.RootPasskeyAsync()).CosePublicKey);

        // What a database administrator could append with the service's ledger access: their own passkey registered to the
        // approver, without any administrator's signature, and an approval signed with it.
        _forgedRequest = (await village.SubmitAsync()).RequestId;
        using (var forger = new SoftwarePasskey())
        {
            await using var db = _host.CreateDbContext();
            await using var tx = await db.Database.BeginTransactionAsync();
            var ledger = new LedgerAppender(db, TimeProvider.System);
            forger.Register("""{"challenge":"AAAA","rp":{"id":"localhost"},"user":{"id":"AAAA"}}""");
            await ledger.AppendAsync(LedgerRecords.CredentialRegistered(_approverId, forger.CredentialId, forger.CosePublicKey, -7, "admin-x", 1), CancellationToken.None);
            var statement = ApprovalStatements.Create(
                _forgedRequest, village.VillageId, "BIZ-PREMISES", "COMMITTEE", 2, [], ApprovalStatements.Approve, "", _approverId, 2, new byte[16]).Bytes;
            var options = $$"""{"challenge":"{{Base64Url.EncodeToString(ApprovalStatements.Challenge(statement))}}","rpId":"localhost","userVerification":"required"}""";
            var assertion = System.Text.Json.JsonDocument.Parse(forger.Authenticate(options)).RootElement.GetProperty("response");
            byte[] Field(string name) => Base64Url.DecodeFromChars(assertion.GetProperty(name).GetString());
            await ledger.AppendAsync(LedgerRecords.RequestApproved(_forgedRequest, _approverId, 3, new SignedStatement(
                statement, forger.CredentialId, Field("authenticatorData"), Field("clientDataJSON"), Field("signature"))), CancellationToken.None);
            await tx.CommitAsync();
        }

        var forged = await AuditExport.CreateAsync(audit, 0, [], signNow: true, CancellationToken.None);
        await File.WriteAllBytesAsync(PathOf("forged.json"), forged.ToJson());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _passkey.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task A_signed_approval_checked_for_the_consoles_rp_id_and_origin_is_valid_and_names_its_credential()
    {
        var (code, output, _) = await VerifyAsync("signed-part.json", "--rp-id", "localhost", "--origin", Origin, "--require-signed-approvals");

        Assert.That(code, Is.Zero, output);
        Assert.That(ApprovalLine(output, _signedRequest), Does.StartWith("approval entry ")
            .And.Contain($": request.approved, request {_signedRequest}, approver {_approverId}: valid, credential {ShortId}: signed by credential "));
        Assert.That(output, Does.Not.Contain("grant entry"), "its grant is backed by the signed approval");
        Assert.That(output, Does.Contain("approvals: 1 valid, 0 not fully checked, 0 INVALID, 0 unsigned; grants: 1 of 1 backed by a valid signed approval"));
        Assert.That(output, Does.Contain("OK: "));
    }

    [Test]
    public async Task An_unsigned_approval_and_its_grant_are_reported_and_fail_only_when_signed_approvals_are_required()
    {
        var (lenient, lenientOutput, _) = await VerifyAsync("whole.json", "--rp-id", "localhost", "--origin", Origin);
        var (strict, strictOutput, _) = await VerifyAsync("whole.json", "--rp-id", "localhost", "--origin", Origin, "--require-signed-approvals");

        Assert.That(lenient, Is.Zero, lenientOutput);
        Assert.That(ApprovalLine(lenientOutput, _unsignedRequest), Does.Contain(": unsigned, no credential: the entry carries no signature"));
        Assert.That(lenientOutput, Does.Match($@"grant entry \d+: request {_unsignedRequest}: no signed approval: "));
        Assert.That(strict, Is.EqualTo(AuditCommands.VerificationFailed), strictOutput);
        Assert.That(strictOutput, Does.Contain("FAILED UnsignedApproval at entry ").And.Contain("FAILED GrantWithoutSignedApproval at entry "));
        Assert.That(ApprovalLine(strictOutput, _signedRequest), Does.Contain(": valid, "), "the signed approval stays valid beside the unsigned one");
    }

    [Test]
    public async Task A_signed_approval_checked_against_another_origin_is_invalid_and_its_grant_unbacked()
    {
        var (code, output, _) = await VerifyAsync("signed-part.json", "--rp-id", "localhost", "--origin", "https://seal.example");

        Assert.That(code, Is.EqualTo(AuditCommands.VerificationFailed), output);
        Assert.That(ApprovalLine(output, _signedRequest), Does.Contain($": INVALID, credential {ShortId}: "));
        Assert.That(output, Does.Contain("FAILED InvalidCredentialEndorsement at entry ").And.Contain(Origin),
            "the root's own endorsement was signed on the console's origin too, so the whole chain fails");
        Assert.That(output, Does.Contain("FAILED InvalidApprovalSignature at entry "));
        Assert.That(output, Does.Match($@"grant entry \d+: request {_signedRequest}: no signed approval: "));
    }

    [Test]
    public async Task Without_rp_id_and_origins_a_signed_approval_is_reported_not_fully_checked_without_failing()
    {
        var (code, output, _) = await VerifyAsync("signed-part.json", "--require-signed-approvals");

        Assert.That(code, Is.Zero, output);
        Assert.That(ApprovalLine(output, _signedRequest), Does.Contain($": not fully checked, credential {ShortId}: ")
            .And.Contain("not checked: rpIdHash (no relying-party id given), origin (no allowed origins given)"));
        Assert.That(output, Does.Match($@"grant entry \d+: request {_signedRequest}: approval not fully checked: "));
    }

    [Test]
    public async Task The_passkeys_are_listed_with_the_root_first_and_the_approvers_endorsed_by_it()
    {
        var (code, output, _) = await VerifyAsync("signed-part.json", "--rp-id", "localhost", "--origin", Origin, "--require-signed-approvals");

        Assert.That(code, Is.Zero, output);
        var passkeys = output.Split('\n').Where(l => l.StartsWith("passkey entry ", StringComparison.Ordinal)).ToList();
        Assert.That(passkeys, Has.Count.EqualTo(2), output);
        Assert.That(passkeys[0], Does.Contain($"person {Village.RootAdministratorId}, ").And.Contain($", ROOT, fingerprint {_rootFingerprint}: endorsed: a root"));
        Assert.That(passkeys[1], Does.Contain($"person {_approverId}, credential {ShortId}, fingerprint ").And.Contain($": endorsed: endorsed by {Village.RootAdministratorId} "));
        Assert.That(output, Does.Contain("passkeys: 2 endorsed, 0 not fully checked, 0 UNENDORSED, 0 INVALID; roots: 1"));
    }

    [Test]
    public async Task With_the_root_among_the_trusted_roots_the_bundle_verifies_and_with_another_root_trusted_it_fails()
    {
        var grouped = string.Join(' ', _rootFingerprint.Chunk(4).Select(c => new string(c))).ToUpperInvariant();
        var (trusted, trustedOutput, _) = await VerifyAsync("signed-part.json", "--rp-id", "localhost", "--origin", Origin, "--trusted-root", grouped);
        var (other, otherOutput, _) = await VerifyAsync("signed-part.json", "--rp-id", "localhost", "--origin", Origin, "--trusted-root", new string('a', 64));

        Assert.That(trusted, Is.Zero, trustedOutput);
        Assert.That(other, Is.EqualTo(AuditCommands.VerificationFailed), otherOutput);
        Assert.That(otherOutput, Does.Contain("FAILED UntrustedRootCredential at entry ").And.Contain("FAILED InvalidCredentialEndorsement at entry "));
        Assert.That(ApprovalLine(otherOutput, _signedRequest), Does.Contain(": INVALID, "), "an approval whose chain ends at an untrusted root proves nothing");
    }

    [Test]
    public async Task A_passkey_registration_fabricated_without_an_administrators_signature_is_named_and_fails_when_signatures_are_required()
    {
        var (lenient, lenientOutput, _) = await VerifyAsync("forged.json", "--rp-id", "localhost", "--origin", Origin);
        var (strict, strictOutput, _) = await VerifyAsync("forged.json", "--rp-id", "localhost", "--origin", Origin, "--require-signed-approvals");

        Assert.That(lenient, Is.Zero, lenientOutput);
        Assert.That(lenientOutput, Does.Match($@"passkey entry \d+: person {_approverId}, credential [^,]+, fingerprint [0-9a-f]{{64}}: UNENDORSED: no administrator's signature"));
        Assert.That(ApprovalLine(lenientOutput, _forgedRequest), Does.Contain(": not fully checked, ").And.Contain("the service's word only"));
        Assert.That(strict, Is.EqualTo(AuditCommands.VerificationFailed), strictOutput);
        Assert.That(strictOutput, Does.Contain("FAILED UnendorsedCredential at entry "));
        Assert.That(ApprovalLine(strictOutput, _forgedRequest), Does.Contain(": INVALID, "));
        Assert.That(ApprovalLine(strictOutput, _signedRequest), Does.Contain(": valid, "), "the genuine approval stays valid beside the forgery");
    }

    [TestCase("abcd")]
    [TestCase("zz")]
    public async Task A_trusted_root_that_is_not_a_fingerprint_is_a_usage_error(string root)
    {
        var (code, _, error) = await VerifyAsync("signed-part.json", "--trusted-root", root);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.StartWith($"sealctl: --trusted-root: '{root}' is not a passkey fingerprint"));
    }

    [Test]
    public async Task Two_origins_may_be_given_and_either_one_admits_the_approval()
    {
        var (code, output, _) = await VerifyAsync("signed-part.json", "--rp-id", "localhost", "--origin", "https://seal.example", "--origin", Origin);

        Assert.That(code, Is.Zero, output);
        Assert.That(ApprovalLine(output, _signedRequest), Does.Contain(": valid, "));
    }

    [TestCase("--origin", "http://localhost/", "--origin: 'http://localhost/' is not an origin as clientDataJSON carries it, scheme://host[:port] (a browser writes it as http://localhost)")]
    [TestCase("--origin", "seal.example", "--origin: 'seal.example' is not an origin as clientDataJSON carries it, scheme://host[:port]")]
    [TestCase("--rp-id", "https://seal.example", "--rp-id: 'https://seal.example' is not a host name")]
    public async Task An_rp_id_or_origin_that_could_never_match_is_a_usage_error_naming_the_option(string option, string value, string message)
    {
        var (code, output, error) = await VerifyAsync("signed-part.json", option, value);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("sealctl: " + message));
        Assert.That(output, Is.Empty, "nothing is verified");
    }

    private string PathOf(string file) => Path.Combine(_directory, file);

    private static string ApprovalLine(string output, string requestId) =>
        output.Split('\n').Single(l => l.StartsWith("approval entry ", StringComparison.Ordinal) && l.Contains($" request {requestId},", StringComparison.Ordinal));

    /// <summary>Runs <c>sealctl audit verify</c> on a bundle of this fixture with the ledger key, capturing what it prints.</summary>
    private async Task<(int Code, string Output, string Error)> VerifyAsync(string bundle, params string[] options)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (previousOut, previousError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = await SealctlApp.RunAsync(["audit", "verify", "--bundle", PathOf(bundle), "--public-key", PathOf("ledger.pem"), .. options]);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }
}
