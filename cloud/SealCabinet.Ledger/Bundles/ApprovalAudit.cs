using SealCabinet.Ledger.Approvals;
using SealCabinet.Ledger.Records;

namespace SealCabinet.Ledger.Bundles;

/// <summary>
/// The approvals check of <see cref="BundleVerifier"/> (docs/supervision.md §11): walks the proven entries in index
/// order, learning credentials from registrations (judging each one's endorsement) and revocations, and judges each
/// decision and grant by what the ledger held before it — so a revocation ends a credential for later entries only.
/// </summary>
internal sealed class ApprovalAudit
{
    private readonly ulong entriesStart;
    private readonly BundleVerifierOptions options;
    private readonly List<BundleFailure> failures;
    private readonly Dictionary<(string Person, string Credential), Registration> registered = [];
    private readonly Dictionary<(string Person, string Credential), ulong> revokedAt = [];
    private readonly Dictionary<(string Person, string Credential), (uint Count, ulong Index)> lastSignCount = [];
    private readonly Dictionary<string, ulong> recordedStatements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ApprovalFinding> bestApproval = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<byte[]>> approvalStatements = new(StringComparer.Ordinal);
    private readonly List<CredentialFinding> credentials = [];
    private readonly List<ApprovalFinding> approvals = [];
    private readonly List<GrantFinding> grants = [];
    private readonly List<StampingFinding> stampings = [];
    private readonly Dictionary<(string Device, ulong Counter), (GrantFinding Finding, string ApprovalSha256)> grantsByCounter = [];

    private ApprovalAudit(ulong entriesStart, BundleVerifierOptions options, List<BundleFailure> failures)
    {
        this.entriesStart = entriesStart;
        this.options = options;
        this.failures = failures;
    }

    /// <summary>Checks <paramref name="entries"/> (proven, parsed records); adds failures; returns the findings in index order.</summary>
    public static (IReadOnlyList<CredentialFinding> Credentials, IReadOnlyList<ApprovalFinding> Approvals, IReadOnlyList<GrantFinding> Grants,
        IReadOnlyList<StampingFinding> Stampings) Run(
        IEnumerable<(ulong Index, LedgerRecord Record)> entries, ulong entriesStart, BundleVerifierOptions options, List<BundleFailure> failures)
    {
        var audit = new ApprovalAudit(entriesStart, options, failures);
        foreach (var (index, record) in entries.OrderBy(e => e.Index))
        {
            audit.Visit(index, record);
        }

        return (audit.credentials, audit.approvals, audit.grants, audit.stampings);
    }

    private void Visit(ulong index, LedgerRecord record)
    {
        switch (record.Kind)
        {
            case LedgerRecordKinds.PersonCredentialRegistered:
                Registered(index, record);
                break;

            case LedgerRecordKinds.PersonCredentialRevoked:
            {
                // Kept even for a credential registered before the bundle starts, which a partial bundle cannot see.
                var key = (record.GetText("person_id"), record.GetText("credential_id"));
                registered.Remove(key);
                revokedAt[key] = index;
                break;
            }

            case LedgerRecordKinds.RequestApproved or LedgerRecordKinds.RequestRejected:
                Decision(index, record);
                break;
            case LedgerRecordKinds.GrantIssued:
                Grant(index, record.GetText("request_id"));
                ApprovalDigest(index, record);
                grantsByCounter[(record.GetText("device_id"), (ulong)record.GetInteger("grant_counter"))] =
                    (grants[^1], record.Fields.TryGetValue("approval_sha256", out var named) && named is string hex ? hex : "");
                break;
            case LedgerRecordKinds.DeviceEvent:
                Stamping(index, record);
                break;
        }
    }

    private void Decision(ulong index, LedgerRecord record)
    {
        var requestId = record.GetText("request_id");
        var approverId = record.GetText("approver_id");
        var signature = SignedStatement.FromRecord(record);
        if (signature is null)
        {
            approvals.Add(new ApprovalFinding(
                index, record.Kind, requestId, approverId, ApprovalStatus.Unsigned, "the entry carries no signature: the decision is the service's word only",
                "", null, "", 0));
            if (options.RequireSignedApprovals)
            {
                failures.Add(new(BundleFailureKind.UnsignedApproval, index, $"{record.Kind} of request {requestId} by {approverId} carries no signature"));
            }

            return;
        }

        var credential = Convert.ToBase64String(signature.CredentialId);
        var digest = record.GetText("statement_sha256");
        if (record.Kind == LedgerRecordKinds.RequestApproved)
        {
            if (!approvalStatements.TryGetValue(requestId, out var statements))
            {
                approvalStatements[requestId] = statements = [];
            }

            statements.Add(Convert.FromHexString(digest));
        }

        var verdict = Judge(index, record, signature, credential, digest, approverId);
        var finding = new ApprovalFinding(
            index, record.Kind, requestId, approverId, verdict.Status, verdict.Detail, credential, verdict.CredentialIndex, digest, verdict.SignCount);
        approvals.Add(finding);
        if (verdict.Status == ApprovalStatus.Invalid)
        {
            failures.Add(new(BundleFailureKind.InvalidApprovalSignature, index, $"{record.Kind} of request {requestId} by {approverId}: {verdict.Detail}"));
        }
        else if (record.Kind == LedgerRecordKinds.RequestApproved
            && (!bestApproval.TryGetValue(requestId, out var best) || (best.Status != ApprovalStatus.Valid && verdict.Status == ApprovalStatus.Valid)))
        {
            bestApproval[requestId] = finding;
        }
    }

    private Verdict Judge(ulong index, LedgerRecord record, SignedStatement signature, string credential, string digest, string approverId)
    {
        LedgerRecord statement;
        try
        {
            statement = ApprovalStatements.Parse(signature.Statement);
        }
        catch (FormatException ex)
        {
            return Verdict.Invalid("the signed statement is not a canonical approval statement: " + ex.Message);
        }

        var decision = record.Kind == LedgerRecordKinds.RequestApproved ? ApprovalStatements.Approve : ApprovalStatements.Reject;
        var agreeing = new List<(string Name, string Value)> { ("request_id", record.GetText("request_id")), ("approver_id", approverId), ("decision", decision) };
        if (record.Kind == LedgerRecordKinds.RequestRejected)
        {
            agreeing.Add(("reason", record.GetText("reason")));
        }

        var (name, value) = agreeing.FirstOrDefault(f => statement.GetText(f.Name) != f.Value);
        if (name is not null)
        {
            return Verdict.Invalid($"the signed statement's {name} is '{statement.GetText(name)}' but the entry's is '{value}'");
        }

        if (recordedStatements.TryGetValue(digest, out var earlier))
        {
            return Verdict.Invalid($"the same signed statement was already recorded at entry {earlier}");
        }

        var key = (approverId, credential);
        if (revokedAt.TryGetValue(key, out var revocation))
        {
            return Verdict.Invalid($"credential {credential} of {approverId} was revoked at entry {revocation}");
        }

        if (!registered.TryGetValue(key, out var registration))
        {
            return Unregistered(key);
        }

        if (registration.Status == CredentialStatus.Invalid
            || (registration.Status == CredentialStatus.Unendorsed && options.RequireSignedApprovals))
        {
            return new Verdict(
                ApprovalStatus.Invalid, $"credential {credential} registered at entry {registration.Index} is {registration.Status}: {registration.Detail}",
                registration.Index, 0);
        }

        var check = Check(registration.PublicKey, signature);
        if (!check.Valid)
        {
            return new Verdict(ApprovalStatus.Invalid, check.Failure, registration.Index, check.SignCount);
        }

        if (check.Algorithm != registration.Algorithm)
        {
            return new Verdict(
                ApprovalStatus.Invalid, $"the registration at entry {registration.Index} says algorithm {registration.Algorithm} but its key is {check.Algorithm}",
                registration.Index, check.SignCount);
        }

        if (CounterProblem(key, check.SignCount, index) is { } counter)
        {
            return new Verdict(ApprovalStatus.Invalid, counter, registration.Index, check.SignCount);
        }

        recordedStatements[digest] = index;
        var notChecked = NotChecked();
        if (!registration.ChainChecked)
        {
            notChecked.Add($"the credential's endorsement ({registration.Status}: {registration.Detail})");
        }

        return notChecked.Count == 0
            ? new Verdict(ApprovalStatus.Valid, $"signed by credential {credential} registered at entry {registration.Index}; sign count {check.SignCount}", registration.Index, check.SignCount)
            : new Verdict(
                ApprovalStatus.NotFullyChecked,
                $"the signature of credential {credential} registered at entry {registration.Index} verifies; not checked: {string.Join(", ", notChecked)}",
                registration.Index,
                check.SignCount);
    }

    /// <summary>
    /// WebAuthn §6.1.1: a counter that does not grow (unless the authenticator keeps none, reporting 0) means a clone of
    /// the authenticator or a replayed assertion. Records the counter when it is fine.
    /// </summary>
    private string? CounterProblem((string Person, string Credential) key, uint signCount, ulong index)
    {
        if (lastSignCount.TryGetValue(key, out var last) && (signCount != 0 || last.Count != 0) && signCount <= last.Count)
        {
            return $"sign count {signCount} does not exceed {last.Count} of entry {last.Index}: a cloned authenticator or a replayed assertion";
        }

        lastSignCount[key] = (signCount, index);
        return null;
    }

    /// <summary>§11.4 under <paramref name="publicKey"/>, with the rp id and origins the verifier was given (none: not checked).</summary>
    private WebAuthnCheck Check(byte[] publicKey, SignedStatement signature) =>
        WebAuthnVerifier.Check(
            publicKey, signature, string.IsNullOrEmpty(options.RelyingPartyId) ? null : options.RelyingPartyId,
            options.AllowedOrigins is { Count: > 0 } origins ? origins : null, options.RequireUserVerification);

    private List<string> NotChecked()
    {
        var notChecked = new List<string>();
        if (string.IsNullOrEmpty(options.RelyingPartyId))
        {
            notChecked.Add("rpIdHash (no relying-party id given)");
        }

        if (options.AllowedOrigins is not { Count: > 0 })
        {
            notChecked.Add("origin (no allowed origins given)");
        }

        return notChecked;
    }

    /// <summary>
    /// A registration: its endorsement is judged with what the ledger held before it, then the credential is known
    /// (afresh, if it was revoked before) with that standing.
    /// </summary>
    private void Registered(ulong index, LedgerRecord record)
    {
        var person = record.GetText("person_id");
        var credential = record.GetText("credential_id");
        var key = (person, credential);
        var publicKey = Convert.FromBase64String(record.GetText("public_key"));
        var fingerprint = CredentialEndorsements.Fingerprint(publicKey);
        var endorserId = record.GetText("enrolled_by");
        revokedAt.Remove(key);
        lastSignCount.Remove(key);
        var (isRoot, status, endorserIndex, detail) = Endorsement(index, record, key, publicKey, fingerprint, endorserId, out var chainChecked);
        registered[key] = new Registration(index, publicKey, record.GetInteger("algorithm"), status, detail, chainChecked);
        credentials.Add(new CredentialFinding(index, person, credential, fingerprint, endorserId, isRoot, status, endorserIndex, detail));
        var what = $"registration of credential {credential} of {person}: {detail}";
        if (status == CredentialStatus.Invalid)
        {
            var untrusted = isRoot && options.TrustedRoots is { Count: > 0 } roots && !roots.Contains(fingerprint, StringComparer.OrdinalIgnoreCase);
            failures.Add(new(untrusted ? BundleFailureKind.UntrustedRootCredential : BundleFailureKind.InvalidCredentialEndorsement, index, what));
        }
        else if (status == CredentialStatus.Unendorsed && options.RequireSignedApprovals)
        {
            failures.Add(new(BundleFailureKind.UnendorsedCredential, index, what));
        }
    }

    /// <summary>
    /// Judges a registration's endorsement. <paramref name="chainChecked"/> is true when every signature back to a root
    /// verified (only the rp id and origin checks may be missing, which a decision signed with the credential reports itself).
    /// </summary>
    private (bool IsRoot, CredentialStatus Status, ulong? EndorserIndex, string Detail) Endorsement(
        ulong index, LedgerRecord record, (string Person, string Credential) key, byte[] publicKey, string fingerprint, string endorserId, out bool chainChecked)
    {
        chainChecked = false;
        var signature = SignedStatement.FromRecord(record);
        if (signature is null)
        {
            return (false, CredentialStatus.Unendorsed, null, $"no administrator's signature: that {endorserId} enrolled it is the service's word only");
        }

        LedgerRecord statement;
        try
        {
            statement = CredentialEndorsements.Parse(signature.Statement);
        }
        catch (FormatException ex)
        {
            return (false, CredentialStatus.Invalid, null, "the endorsement is not a canonical credential endorsement: " + ex.Message);
        }

        if (CredentialEndorsements.Disagreement(statement, key.Person, key.Credential, fingerprint, record.GetInteger("algorithm"), endorserId) is { } wrong)
        {
            return (false, CredentialStatus.Invalid, null, $"{wrong.Problem} but the entry's is '{wrong.RegistrationValue}'");
        }

        var digest = record.GetText("endorsement_sha256");
        if (recordedStatements.TryGetValue(digest, out var earlier))
        {
            return (false, CredentialStatus.Invalid, null, $"the same endorsement was already recorded at entry {earlier}");
        }

        var signer = (Person: endorserId, Credential: Convert.ToBase64String(signature.CredentialId));
        var isRoot = signer == key;
        byte[] signerKey;
        ulong signerIndex;
        var inherited = CredentialStatus.Endorsed;
        var inheritedDetail = "";
        if (isRoot)
        {
            (signerKey, signerIndex, chainChecked) = (publicKey, index, true);
        }
        else if (revokedAt.TryGetValue(signer, out var revocation))
        {
            return (false, CredentialStatus.Invalid, null, $"signed with credential {signer.Credential} of {endorserId}, revoked at entry {revocation}");
        }
        else if (registered.TryGetValue(signer, out var endorser))
        {
            if (endorser.Status == CredentialStatus.Invalid)
            {
                return (false, CredentialStatus.Invalid, endorser.Index, $"signed with credential {signer.Credential} of {endorserId}, whose own registration at entry {endorser.Index} is invalid");
            }

            (signerKey, signerIndex, inherited, chainChecked) = (endorser.PublicKey, endorser.Index, endorser.Status, endorser.ChainChecked);
            inheritedDetail = $"; the endorser's own credential (entry {endorser.Index}) is {endorser.Status}";
        }
        else if (entriesStart > 0)
        {
            return (false, CredentialStatus.NotFullyChecked, null,
                $"signed by {endorserId} with credential {signer.Credential}, not registered in the bundle, which starts at entry {entriesStart}; not checked");
        }
        else
        {
            return (false, CredentialStatus.Invalid, null, $"signed with credential {signer.Credential}, never registered to {endorserId} before this entry");
        }

        var check = Check(signerKey, signature);
        if (!check.Valid)
        {
            chainChecked = false;
            return (isRoot, CredentialStatus.Invalid, signerIndex, $"the endorser's signature does not verify: {check.Failure}");
        }

        if (CounterProblem(signer, check.SignCount, index) is { } counter)
        {
            chainChecked = false;
            return (isRoot, CredentialStatus.Invalid, signerIndex, counter);
        }

        recordedStatements[digest] = index;
        if (isRoot && options.TrustedRoots is { Count: > 0 } roots && !roots.Contains(fingerprint, StringComparer.OrdinalIgnoreCase))
        {
            chainChecked = false;
            return (true, CredentialStatus.Invalid, index, $"a root (the passkey endorsed itself) with fingerprint {fingerprint}, which is not among the trusted roots");
        }

        var notChecked = NotChecked();
        var signed = isRoot
            ? $"a root: the passkey signed its own endorsement (fingerprint {fingerprint}"
                + (options.TrustedRoots is { Count: > 0 } ? ", a trusted root)" : "; compare it with the roots published out of band)")
            : $"endorsed by {endorserId} with credential {signer.Credential} registered at entry {signerIndex}{inheritedDetail}";
        if (inherited == CredentialStatus.Unendorsed)
        {
            chainChecked = false;
            return (false, CredentialStatus.Unendorsed, signerIndex, signed);
        }

        return notChecked.Count == 0 && inherited == CredentialStatus.Endorsed
            ? (isRoot, CredentialStatus.Endorsed, signerIndex, signed)
            : (isRoot, CredentialStatus.NotFullyChecked, signerIndex, signed + (notChecked.Count == 0 ? "" : "; not checked: " + string.Join(", ", notChecked)));
    }

    private Verdict Unregistered((string Person, string Credential) key)
    {
        foreach (var ((person, credential), registration) in registered)
        {
            if (credential == key.Credential)
            {
                return new Verdict(
                    ApprovalStatus.Invalid, $"credential {credential} is registered to {person} (entry {registration.Index}), not to the approver {key.Person}",
                    registration.Index, 0);
            }
        }

        return entriesStart > 0
            ? new Verdict(
                ApprovalStatus.NotFullyChecked,
                $"credential {key.Credential} is not registered in the bundle, which starts at entry {entriesStart}; the signature was not checked", null, 0)
            : Verdict.Invalid($"credential {key.Credential} was never registered to {key.Person} before this entry");
    }

    /// <summary>
    /// A grant that names its approvals (<c>approval_sha256</c>, under the cabinet's grant MAC too) must name exactly the
    /// signed approvals of its request that precede it, in order; a partial bundle may lack some, so it is checked only
    /// in a bundle from entry 0.
    /// </summary>
    private void ApprovalDigest(ulong index, LedgerRecord grant)
    {
        if (!grant.Fields.TryGetValue("approval_sha256", out var named) || named is not string hex || entriesStart > 0)
        {
            return;
        }

        var requestId = grant.GetText("request_id");
        var statements = approvalStatements.GetValueOrDefault(requestId) ?? [];
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(statements.SelectMany(s => s).ToArray()));
        if (!string.Equals(hex, expected, StringComparison.Ordinal))
        {
            failures.Add(new(BundleFailureKind.GrantApprovalDigestMismatch, index,
                $"grant of request {requestId} names approvals {hex}, but its {statements.Count} signed approval(s) before it digest to {expected}"));
        }
    }

    /// <summary>
    /// Follows a grant to the cabinet: GRANT_ACCEPTED must echo the approval digest the ledger's grant names, and every
    /// SLEEVE_UNLOCKED is a stamping judged by its grant's approval.
    /// </summary>
    private void Stamping(ulong index, LedgerRecord record)
    {
        var fields = DeviceEventFields.TryRead(Convert.FromBase64String(record.GetText("event")));
        if (fields is null || fields.Type is not (DeviceEventFields.GrantAccepted or DeviceEventFields.SleeveUnlocked))
        {
            return;
        }

        var device = record.GetText("device_id");
        var known = grantsByCounter.TryGetValue((device, fields.GrantCounter), out var grant);
        if (fields.Type == DeviceEventFields.GrantAccepted)
        {
            if (known && grant.ApprovalSha256.Length > 0 && Convert.ToHexStringLower(fields.ApprovalDigest) != grant.ApprovalSha256)
            {
                failures.Add(new(BundleFailureKind.StampingWithoutSignedApproval, index,
                    $"cabinet {device} accepted grant {fields.GrantCounter} with approval digest {Convert.ToHexStringLower(fields.ApprovalDigest)}, not the {grant.ApprovalSha256} of the grant issued at entry {grant.Finding.EntryIndex}"));
            }

            return;
        }

        StampingFinding finding = !known
            ? new(index, device, fields.GrantCounter, "", GrantApprovalStatus.NoSignedApproval,
                $"no grant.issued of cabinet {device} with counter {fields.GrantCounter} precedes this stamping"
                + (entriesStart > 0 ? $" in the bundle, which starts at entry {entriesStart}" : ""))
            : new(index, device, fields.GrantCounter, grant.Finding.RequestId, grant.Finding.Status,
                $"grant of request {grant.Finding.RequestId} (entry {grant.Finding.EntryIndex}): {grant.Finding.Detail}");
        stampings.Add(finding);
        if (finding.Status == GrantApprovalStatus.NoSignedApproval && options.RequireSignedApprovals)
        {
            failures.Add(new(BundleFailureKind.StampingWithoutSignedApproval, index, $"stamping on cabinet {device}: {finding.Detail}"));
        }
    }

    private void Grant(ulong index, string requestId)
    {
        if (bestApproval.TryGetValue(requestId, out var approval))
        {
            grants.Add(approval.Status == ApprovalStatus.Valid
                ? new GrantFinding(index, requestId, GrantApprovalStatus.SignedApproval, approval.EntryIndex,
                    $"approved by {approval.ApproverId} with a valid signature at entry {approval.EntryIndex}")
                : new GrantFinding(index, requestId, GrantApprovalStatus.ApprovalNotFullyChecked, approval.EntryIndex,
                    $"approved by {approval.ApproverId} at entry {approval.EntryIndex}: {approval.Detail}"));
            return;
        }

        var detail = $"no approval of request {requestId} with a signature that verifies precedes this grant"
            + (entriesStart > 0 ? $" in the bundle, which starts at entry {entriesStart}" : "");
        grants.Add(new GrantFinding(index, requestId, GrantApprovalStatus.NoSignedApproval, null, detail));
        if (options.RequireSignedApprovals)
        {
            failures.Add(new(BundleFailureKind.GrantWithoutSignedApproval, index, detail));
        }
    }

    private sealed record Registration(ulong Index, byte[] PublicKey, long Algorithm, CredentialStatus Status, string Detail, bool ChainChecked);

    private sealed record Verdict(ApprovalStatus Status, string Detail, ulong? CredentialIndex, uint SignCount)
    {
        public static Verdict Invalid(string detail) => new(ApprovalStatus.Invalid, detail, null, 0);
    }
}
