extern alias sealctl;

using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using SealCabinet.Ledger.Signing;
using SealCabinet.Passkeys.Software;
using AuditCommands = sealctl::SealCabinet.Cloud.Tool.Commands.AuditCommands;
using AuditExport = sealctl::SealCabinet.Cloud.Tool.Supervision.AuditExport;
using SealctlApp = sealctl::SealCabinet.Cloud.Tool.SealctlApp;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>
/// <c>sealctl audit verify</c> run as a supervisor runs it, on bundles of a real ledger that holds an unsigned approval
/// and, after it, one signed with the approver's passkey: the approvals and grants it prints, and when it exits 4.
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
        Assert.That(ApprovalLine(output, _signedRequest), Does.Contain($": INVALID, credential {ShortId}: ").And.Contain(Origin));
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
