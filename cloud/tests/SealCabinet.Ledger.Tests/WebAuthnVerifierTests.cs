using System.Text;
using SealCabinet.Ledger.Approvals;

namespace SealCabinet.Ledger.Tests;

public sealed class WebAuthnVerifierTests
{
    private static readonly string[] Origins = [SoftwareAuthenticator.Origin];

    private static readonly byte[] Statement = TestStatements.Bytes();

    private static WebAuthnCheck Verify(SoftwareAuthenticator authenticator, SignedStatement assertion, bool requireUserVerification = true) =>
        WebAuthnVerifier.Verify(authenticator.CosePublicKey, assertion, SoftwareAuthenticator.RpId, Origins, requireUserVerification);

    private static SoftwareAuthenticator Create(string algorithm) => algorithm switch
    {
        "ES256" => SoftwareAuthenticator.Es256(),
        "RS256" => SoftwareAuthenticator.Rs256(),
        _ => SoftwareAuthenticator.EdDsa(),
    };

    [TestCase("ES256", -7)]
    [TestCase("RS256", -257)]
    [TestCase("EdDSA", -8)]
    public void An_assertion_over_the_statement_verifies_under_the_credential_key(string algorithm, long coseAlgorithm)
    {
        using var authenticator = Create(algorithm);
        var check = Verify(authenticator, authenticator.Sign(Statement));
        Assert.That(check, Is.EqualTo(new WebAuthnCheck(true, "", 1, coseAlgorithm)));
    }

    [Test]
    public void The_sign_count_is_the_big_endian_counter_of_the_authenticator_data()
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        authenticator.Counter = 0x01020304;
        Assert.That(Verify(authenticator, authenticator.Sign(Statement)).SignCount, Is.EqualTo(0x01020305u));
    }

    [Test]
    public void A_statement_whose_decision_was_changed_after_signing_is_refused()
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        var assertion = authenticator.Sign(TestStatements.Bytes(decision: ApprovalStatements.Reject, reason: "incomplete"));
        var check = Verify(authenticator, assertion with { Statement = TestStatements.Bytes(decision: ApprovalStatements.Approve) });
        Assert.That(check.Failure, Is.EqualTo("challenge is not SHA-256 of the statement"));
    }

    [Test]
    public void A_statement_whose_material_digest_was_changed_after_signing_is_refused()
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        var swapped = TestStatements.Bytes(materials: [TestStatements.Materials[0], new byte[32]]);
        var check = Verify(authenticator, authenticator.Sign(Statement) with { Statement = swapped });
        Assert.That(check.Failure, Is.EqualTo("challenge is not SHA-256 of the statement"));
    }

    [Test]
    public void An_assertion_copied_from_another_request_is_refused()
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        var forOtherRequest = authenticator.Sign(TestStatements.Bytes(requestId: "r-8"));
        var check = Verify(authenticator, forOtherRequest with { Statement = Statement });
        Assert.That(check.Failure, Is.EqualTo("challenge is not SHA-256 of the statement"));
    }

    [Test]
    public void An_assertion_whose_challenge_is_that_of_another_statement_is_refused_though_its_signature_is_good()
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        var check = Verify(authenticator, authenticator.Sign(Statement, challengeOf: TestStatements.Bytes(requestId: "r-8")));
        Assert.That(check.Failure, Is.EqualTo("challenge is not SHA-256 of the statement"));
    }

    [TestCase("https://x")]
    [TestCase("https://seal.example:8443")]
    [TestCase("https://SEAL.example")]
    [TestCase("http://seal.example")]
    public void An_origin_that_is_not_exactly_an_allowed_one_is_refused_and_named(string origin)
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        Assert.That(Verify(authenticator, authenticator.Sign(Statement, origin: origin)).Failure, Is.EqualTo($"origin {origin} is not allowed"));
    }

    [Test]
    public void An_assertion_made_for_another_rp_id_is_refused_naming_the_expected_one()
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        var check = Verify(authenticator, authenticator.Sign(Statement, rpId: "evil.example"));
        Assert.That(check.Failure, Is.EqualTo("rpIdHash does not match rp id seal.example"));
    }

    [Test]
    public void An_assertion_without_user_verification_is_refused_when_it_is_required()
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        var check = Verify(authenticator, authenticator.Sign(Statement, flags: WebAuthnVerifier.UserPresent));
        Assert.That(check.Failure, Is.EqualTo("user verification flag not set"));
    }

    [Test]
    public void An_assertion_without_user_verification_verifies_when_it_is_not_required()
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        var check = Verify(authenticator, authenticator.Sign(Statement, flags: WebAuthnVerifier.UserPresent), requireUserVerification: false);
        Assert.That(check.Valid, Is.True, check.Failure);
    }

    [Test]
    public void An_assertion_without_user_presence_is_refused_even_when_verification_is_not_required()
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        var check = Verify(authenticator, authenticator.Sign(Statement, flags: WebAuthnVerifier.UserVerified), requireUserVerification: false);
        Assert.That(check.Failure, Is.EqualTo("user presence flag not set"));
    }

    [Test]
    public void Client_data_of_a_registration_ceremony_is_refused()
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        var check = Verify(authenticator, authenticator.Sign(Statement, type: "webauthn.create"));
        Assert.That(check.Failure, Is.EqualTo("clientDataJSON type is 'webauthn.create', expected 'webauthn.get'"));
    }

    [Test]
    public void An_assertion_made_in_a_cross_origin_frame_is_refused()
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        var check = Verify(authenticator, authenticator.Sign(Statement, crossOrigin: true));
        Assert.That(check.Failure, Does.StartWith("crossOrigin is true"));
    }

    [TestCase("ES256", 0)]
    [TestCase("ES256", 40)]
    [TestCase("RS256", 0)]
    [TestCase("RS256", 255)]
    [TestCase("EdDSA", 0)]
    [TestCase("EdDSA", 63)]
    public void A_signature_with_one_bit_flipped_is_refused(string algorithm, int byteFromEnd)
    {
        using var authenticator = Create(algorithm);
        var assertion = authenticator.Sign(Statement);
        var signature = assertion.Signature.ToArray();
        signature[^(byteFromEnd + 1)] ^= 0x01;
        Assert.That(Verify(authenticator, assertion with { Signature = signature }).Failure, Is.EqualTo("signature does not verify"));
    }

    [TestCase("ES256")]
    [TestCase("RS256")]
    [TestCase("EdDSA")]
    public void A_truncated_or_empty_signature_is_refused_without_an_exception(string algorithm)
    {
        using var authenticator = Create(algorithm);
        var assertion = authenticator.Sign(Statement);
        Assert.That(Verify(authenticator, assertion with { Signature = assertion.Signature[..^1] }).Failure, Is.EqualTo("signature does not verify"));
        Assert.That(Verify(authenticator, assertion with { Signature = [] }).Failure, Is.EqualTo("signature does not verify"));
    }

    [Test]
    public void A_counter_changed_after_signing_is_refused_because_the_signature_covers_it()
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        var assertion = authenticator.Sign(Statement);
        var authenticatorData = assertion.AuthenticatorData.ToArray();
        authenticatorData[36] ^= 0x80;
        Assert.That(Verify(authenticator, assertion with { AuthenticatorData = authenticatorData }).Failure, Is.EqualTo("signature does not verify"));
    }

    [Test]
    public void An_assertion_checked_under_another_credential_key_is_refused()
    {
        using var signer = SoftwareAuthenticator.Es256();
        using var other = SoftwareAuthenticator.Es256();
        var check = WebAuthnVerifier.Verify(other.CosePublicKey, signer.Sign(Statement), SoftwareAuthenticator.RpId, Origins);
        Assert.That(check.Failure, Is.EqualTo("signature does not verify"));
    }

    [TestCase(-35)]
    [TestCase(-65535)]
    [TestCase(-37)]
    public void A_key_of_an_unsupported_algorithm_is_refused_naming_it(int algorithm)
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        var key = SoftwareAuthenticator.Cose(w =>
        {
            w.WriteInt32(1);
            w.WriteInt32(2);
            w.WriteInt32(3);
            w.WriteInt32(algorithm);
        });
        var check = WebAuthnVerifier.Verify(key, authenticator.Sign(Statement), SoftwareAuthenticator.RpId, Origins);
        Assert.That(check, Is.EqualTo(new WebAuthnCheck(false, $"unsupported COSE algorithm {algorithm}", 0, algorithm)));
    }

    [TestCase("", "not valid CBOR")]
    [TestCase("ff", "not valid CBOR")]
    [TestCase("a2", "not valid CBOR")]
    [TestCase("8101", "not valid CBOR")]
    [TestCase("a1030000", "not valid CBOR: 1 bytes follow the key's map")]
    [TestCase("a203260326", "not valid CBOR")]
    [TestCase("a10126", "no integer algorithm")]
    [TestCase("a10363455332", "no integer algorithm")]
    public void Garbage_cbor_as_the_key_is_refused_with_a_reason_and_no_exception(string hex, string reason)
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        var check = WebAuthnVerifier.Verify(Convert.FromHexString(hex), authenticator.Sign(Statement), SoftwareAuthenticator.RpId, Origins);
        Assert.That(check.Valid, Is.False);
        Assert.That(check.Failure, Does.Contain(reason));
    }

    private static IEnumerable<TestCaseData> InconsistentKeys()
    {
        static TestCaseData Key(string reason, params (int Label, object Value)[] entries) =>
            new TestCaseData(SoftwareAuthenticator.Cose(w =>
            {
                foreach (var (label, value) in entries)
                {
                    w.WriteInt32(label);
                    if (value is int n)
                    {
                        w.WriteInt32(n);
                    }
                    else
                    {
                        w.WriteByteString((byte[])value);
                    }
                }
            }), reason).SetArgDisplayNames(reason);

        var zero = new byte[32];
        yield return Key("ES256 key type (label 1) is 3, expected 2 (EC2)", (1, 3), (3, -7), (-1, 1), (-2, zero), (-3, zero));
        yield return Key("ES256 key curve (label -1) is 2, expected 1 (P-256)", (1, 2), (3, -7), (-1, 2), (-2, zero), (-3, zero));
        yield return Key("ES256 key coordinates x (label -2) and y (label -3) must be 32-byte strings", (1, 2), (3, -7), (-1, 1), (-2, zero), (-3, new byte[31]));
        yield return Key("ES256 key point is not on P-256", (1, 2), (3, -7), (-1, 1), (-2, zero), (-3, zero));
        yield return Key("RS256 key needs modulus n (label -1) and exponent e (label -2) as non-empty byte strings", (1, 3), (3, -257), (-1, new byte[256]));
        yield return Key("EdDSA key curve (label -1) is 4, expected 6 (Ed25519)", (1, 1), (3, -8), (-1, 4), (-2, zero));
        yield return Key("EdDSA key x (label -2) must be a 32-byte string", (1, 1), (3, -8), (-1, 6), (-2, new byte[33]));
    }

    [TestCaseSource(nameof(InconsistentKeys))]
    public void A_key_whose_parameters_do_not_fit_its_algorithm_is_refused_naming_the_parameter(byte[] key, string reason)
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        var check = WebAuthnVerifier.Verify(key, authenticator.Sign(Statement), SoftwareAuthenticator.RpId, Origins);
        Assert.That(check.Valid, Is.False);
        Assert.That(check.Failure, Is.EqualTo(reason));
    }

    [TestCase("", "not valid JSON")]
    [TestCase("{\"type\":\"webauthn.get\",", "not valid JSON")]
    [TestCase("[\"webauthn.get\"]", "not a JSON object")]
    [TestCase("{\"type\":1}", "no string member 'type'")]
    [TestCase("{\"type\":\"webauthn.get\"}", "no string member 'challenge'")]
    [TestCase("{\"type\":\"webauthn.get\",\"challenge\":\"CHALLENGE\"}", "no string member 'origin'")]
    [TestCase("{\"type\":\"webauthn.get\",\"challenge\":\"CHALLENGE\",\"origin\":\"https://seal.example\",\"crossOrigin\":\"no\"}", "'crossOrigin' is not a boolean")]
    [TestCase("{\"type\":\"webauthn.get\",\"challenge\":\"CHALLENGE\",\"challenge\":\"other\",\"origin\":\"https://seal.example\"}", "not valid JSON")]
    public void Malformed_client_data_is_refused_with_a_reason_and_no_exception(string json, string reason)
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        var challenge = System.Buffers.Text.Base64Url.EncodeToString(ApprovalStatements.Challenge(Statement));
        var assertion = authenticator.Sign(Statement) with { ClientDataJson = Encoding.UTF8.GetBytes(json.Replace("CHALLENGE", challenge, StringComparison.Ordinal)) };
        var check = Verify(authenticator, assertion);
        Assert.That(check.Valid, Is.False);
        Assert.That(check.Failure, Does.Contain(reason));
    }

    [Test]
    public void Client_data_that_is_not_utf8_is_refused_with_a_reason_and_no_exception()
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        byte[] clientData = [.. "{\"type\":\"webauthn.get\",\"challenge\":\""u8, 0xff, 0xfe, .. "\"}"u8];
        var check = Verify(authenticator, authenticator.Sign(Statement) with { ClientDataJson = clientData });
        Assert.That(check.Failure, Is.EqualTo("clientDataJSON is not valid UTF-8"));
    }

    [TestCase(0)]
    [TestCase(36)]
    public void Authenticator_data_shorter_than_37_bytes_is_refused(int length)
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        var assertion = authenticator.Sign(Statement);
        var check = Verify(authenticator, assertion with { AuthenticatorData = assertion.AuthenticatorData[..length] });
        Assert.That(check, Is.EqualTo(new WebAuthnCheck(false, $"authenticatorData is {length} bytes; at least 37 are required", 0, -7)));
    }

    [Test]
    public void An_assertion_with_a_missing_part_is_refused_without_an_exception()
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        var check = Verify(authenticator, authenticator.Sign(Statement) with { Signature = null! });
        Assert.That(check.Failure, Does.Contain("lacks"));
    }

    [Test]
    public void A_der_signature_that_does_not_parse_is_refused_as_not_verifying()
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        var check = Verify(authenticator, authenticator.Sign(Statement) with { Signature = [0x30, 0x02, 0x05, 0x00] });
        Assert.That(check.Failure, Is.EqualTo("signature does not verify"));
    }

    [Test]
    public void The_worked_example_assertion_of_the_supervision_document_has_these_bytes_and_verifies()
    {
        using var authenticator = WorkedExample.Authenticator();
        var assertion = WorkedExample.Assertion();
        Assert.That(
            Convert.ToHexStringLower(authenticator.CosePublicKey),
            Is.EqualTo("a5010203262001215820a51c65a5133a8988cfe0a2e135b7953c6e3072681ddbaf0db4a3d0270b7f26fa" +
                "225820c8ee351691765d7712634f8953a33d3f424a216b507a85feff60228b04a035d3"));
        Assert.That(
            Encoding.UTF8.GetString(assertion.ClientDataJson),
            Is.EqualTo("{\"type\":\"webauthn.get\",\"challenge\":\"NepEc6dHhEn86l4umZ6Zq_t6ThAOj8es4uXwQaMTzGU\"," +
                "\"origin\":\"https://seal.example\",\"crossOrigin\":false}"));
        Assert.That(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(assertion.ClientDataJson)),
            Is.EqualTo("9863bc49bf55944265e1e05ebaeb00f624641a99563480f69c7f115f756660e9"));
        Assert.That(
            Convert.ToHexStringLower(assertion.AuthenticatorData),
            Is.EqualTo("55257a704bc14fa853812c56fe3c998aaf4cd8e4e255cbfd15cff4e4a708ffae" + "05" + "00000007"));
        Assert.That(Verify(authenticator, assertion), Is.EqualTo(new WebAuthnCheck(true, "", 7, -7)));
    }

    [Test]
    public void A_fresh_assertion_by_the_worked_example_key_verifies_like_the_pinned_one()
    {
        using var authenticator = WorkedExample.Authenticator();
        authenticator.Counter = WorkedExample.CounterBefore;
        var fresh = authenticator.Sign(WorkedExample.Statement());
        Assert.That(fresh.AuthenticatorData, Is.EqualTo(WorkedExample.Assertion().AuthenticatorData));
        Assert.That(fresh.ClientDataJson, Is.EqualTo(WorkedExample.Assertion().ClientDataJson));
        Assert.That(Verify(authenticator, fresh).Valid, Is.True);
    }

    [Test]
    public void The_worked_example_endorsement_assertion_of_the_supervision_document_has_these_bytes_and_verifies()
    {
        using var administrator = WorkedExample.Administrator();
        var assertion = WorkedExample.EndorsementAssertion();
        Assert.That(
            Convert.ToHexStringLower(administrator.CosePublicKey),
            Is.EqualTo("a50102032620012158206ade1c1eddbd14e10c51a238be78329fa88e7bf649fc1e0c5570449fb4db6941" +
                "225820cd1137a47b4055865033378f16d28983073f705d9087fb573bbbead518abad36"));
        Assert.That(
            Encoding.UTF8.GetString(assertion.ClientDataJson),
            Is.EqualTo("{\"type\":\"webauthn.get\",\"challenge\":\"luup7X8fsw2ztlOzdX4BT-bApCuglnpgX1ALw55YaII\"," +
                "\"origin\":\"https://seal.example\",\"crossOrigin\":false}"));
        Assert.That(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(assertion.ClientDataJson)),
            Is.EqualTo("e0c1de1b22e668ae961ca08903a77d3d26bf3126735b29ad655e4b06c847943c"));
        Assert.That(Convert.ToHexStringLower(assertion.AuthenticatorData), Is.EqualTo("55257a704bc14fa853812c56fe3c998aaf4cd8e4e255cbfd15cff4e4a708ffae" + "05" + "00000003"));
        Assert.That(Verify(administrator, assertion), Is.EqualTo(new WebAuthnCheck(true, "", 3, -7)));
        Assert.That(CredentialEndorsements.Fingerprint(administrator.CosePublicKey), Is.EqualTo("4112710914e2ad587fb3e4811af2a6c72a68d73eb504e954f3c965e0bcf59933"));
    }
}
