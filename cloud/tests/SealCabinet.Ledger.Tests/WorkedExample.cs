using System.Security.Cryptography;
using SealCabinet.Ledger.Approvals;

namespace SealCabinet.Ledger.Tests;

/// <summary>
/// The worked example of docs/supervision.md §11: a fixed P-256 key, credential id, nonce and time, so that every
/// byte the document quotes is asserted by a test. ECDSA signatures are randomised, so the signature quoted there is
/// one the key made once, pinned in <see cref="SignatureHex"/>.
/// </summary>
internal static class WorkedExample
{
    public const string PrivateKeyHex = "8c85f5da827ab2536ba804a35f4cdd6a443a9720e75f28fd3c546438c784ec75";

    public const string SignatureHex =
        "3046022100fb3f4a07f705a0d4491981c26d96ee281bd423209e445285e5064a2745d6302a02210092534f87c6f2651a692d8b2c8990ed1204969ad21e12045bf8e2ec609f4fc474";

    public const uint CounterBefore = 6;

    public static byte[] CredentialId { get; } = [.. Enumerable.Range(0x10, 16).Select(i => (byte)i)];

    public static byte[] Nonce { get; } = [.. Enumerable.Range(0, 16).Select(i => (byte)i)];

    /// <summary>The endorsing administrator's passkey of §11.7's example: D is SHA-256 of "sealcabinet worked example: administrator passkey".</summary>
    public const string AdministratorPrivateKeyHex = "b1ac51bfb93bfa876bef934e087807450f897705557a741e7f5233c46a6b521f";

    public const string EndorsementSignatureHex =
        "3046022100abec9acc48e1e1f424c51e691a1d8c29e5dbeba851fb763dbf43a3425eb2793202210081175b98ac0ac625dfdaeaae538cbab5cfb700bc17ae63af02feda768df8ace6";

    public const uint AdministratorCounterBefore = 2;

    public static byte[] AdministratorCredentialId { get; } = [.. Enumerable.Range(0x20, 16).Select(i => (byte)i)];

    public static byte[] EndorsementNonce { get; } = [.. Enumerable.Range(0x30, 16).Select(i => (byte)i)];

    public static SoftwareAuthenticator Administrator()
    {
        var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = Convert.FromHexString(AdministratorPrivateKeyHex) });
        return SoftwareAuthenticator.Es256(key, AdministratorCredentialId);
    }

    /// <summary>u-admin-1 endorses u-approver-7's passkey (the approver's key of this example).</summary>
    public static byte[] Endorsement()
    {
        using var approver = Authenticator();
        return CredentialEndorsements.Create("u-approver-7", CredentialId, approver.CosePublicKey, -7, "u-admin-1", 1_763_900_000_000, EndorsementNonce).Bytes;
    }

    /// <summary>The administrator's assertion over <see cref="Endorsement"/>: fixed authenticatorData and clientDataJSON, and the pinned signature.</summary>
    public static SignedStatement EndorsementAssertion()
    {
        var statement = Endorsement();
        return new SignedStatement(
            statement,
            AdministratorCredentialId,
            SoftwareAuthenticator.AuthenticatorData(SoftwareAuthenticator.RpId, SoftwareAuthenticator.UserPresentAndVerified, AdministratorCounterBefore + 1),
            SoftwareAuthenticator.ClientData(WebAuthnVerifier.AssertionType, statement, SoftwareAuthenticator.Origin, crossOrigin: false),
            Convert.FromHexString(EndorsementSignatureHex));
    }

    /// <summary>The approver's passkey; D is SHA-256 of "sealcabinet worked example: approver passkey".</summary>
    public static SoftwareAuthenticator Authenticator()
    {
        var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = Convert.FromHexString(PrivateKeyHex) });
        return SoftwareAuthenticator.Es256(key, CredentialId);
    }

    public static byte[] Statement() =>
        ApprovalStatements.Create(
            "r-2025-0042", "v-dongshan", "劳务用工合同", "committee", 2,
            [SHA256.HashData("contract.pdf"u8), SHA256.HashData("minutes.pdf"u8)], ApprovalStatements.Approve, "", "u-approver-7",
            1_764_000_000_000, Nonce).Bytes;

    /// <summary>The assertion as the browser returned it: fixed authenticatorData and clientDataJSON, and the pinned signature.</summary>
    public static SignedStatement Assertion()
    {
        var statement = Statement();
        return new SignedStatement(
            statement,
            CredentialId,
            SoftwareAuthenticator.AuthenticatorData(SoftwareAuthenticator.RpId, SoftwareAuthenticator.UserPresentAndVerified, CounterBefore + 1),
            SoftwareAuthenticator.ClientData(WebAuthnVerifier.AssertionType, statement, SoftwareAuthenticator.Origin, crossOrigin: false),
            Convert.FromHexString(SignatureHex));
    }
}
