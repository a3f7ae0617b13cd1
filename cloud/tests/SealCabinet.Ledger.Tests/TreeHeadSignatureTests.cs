using System.Security.Cryptography;
using SealCabinet.Ledger.Signing;
using SealCabinet.Ledger.Verification;

namespace SealCabinet.Ledger.Tests;

public sealed class TreeHeadSignatureTests
{
    private static readonly byte[] Root = SHA256.HashData("root"u8);

    [Test]
    public void The_signing_input_is_the_prefix_then_big_endian_size_and_time_then_the_root()
    {
        var input = TreeHeadSignature.SigningInput(0x0102030405060708, 0x1112131415161718, Root);
        Assert.That(input, Has.Length.EqualTo(67));
        Assert.That(input[..19], Is.EqualTo("sealcabinet-sth-v1\n"u8.ToArray()));
        Assert.That(input[19..27], Is.EqualTo(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
        Assert.That(input[27..35], Is.EqualTo(new byte[] { 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18 }));
        Assert.That(input[35..], Is.EqualTo(Root));
    }

    [Test]
    public void A_signed_head_verifies_and_carries_the_key_id()
    {
        using var key = LedgerSigningKey.Generate();
        var head = key.Sign(42, Root, 1_764_000_000_000);
        Assert.That(key.PublicKey.Verify(head), Is.True);
        Assert.That(head.KeyId, Is.EqualTo(SHA256.HashData(key.PublicKey.SubjectPublicKeyInfo)));
        Assert.That(head.Signature[0], Is.EqualTo(0x30), "DER SEQUENCE");
    }

    [Test]
    public void Changing_size_time_root_signature_or_key_id_breaks_the_signature()
    {
        using var key = LedgerSigningKey.Generate();
        var head = key.Sign(42, Root, 1_764_000_000_000);
        var badSignature = (byte[])head.Signature.Clone();
        badSignature[^1] ^= 1;
        var badRoot = (byte[])Root.Clone();
        badRoot[0] ^= 0x80;
        var badKeyId = (byte[])head.KeyId.Clone();
        badKeyId[5] ^= 1;
        Assert.Multiple(() =>
        {
            Assert.That(key.PublicKey.Verify(head with { TreeSize = 43 }), Is.False, "size");
            Assert.That(key.PublicKey.Verify(head with { TimestampMs = head.TimestampMs + 1 }), Is.False, "time");
            Assert.That(key.PublicKey.Verify(head with { RootHash = badRoot }), Is.False, "root");
            Assert.That(key.PublicKey.Verify(head with { Signature = badSignature }), Is.False, "signature");
            Assert.That(key.PublicKey.Verify(head with { KeyId = badKeyId }), Is.False, "key id");
        });
    }

    [Test]
    public void A_head_signed_by_another_key_does_not_verify()
    {
        using var key = LedgerSigningKey.Generate();
        using var other = LedgerSigningKey.Generate();
        var forged = other.Sign(42, Root, 1) with { KeyId = key.PublicKey.KeyId };
        Assert.That(key.PublicKey.Verify(forged), Is.False);
    }

    [Test]
    public void Keys_round_trip_through_pkcs8_and_public_key_pem()
    {
        using var key = LedgerSigningKey.Generate();
        var pem = key.ExportPkcs8Pem();
        Assert.That(pem, Does.StartWith("-----BEGIN PRIVATE KEY-----"));
        using var loaded = LedgerSigningKey.FromPem(pem);
        var head = loaded.Sign(1, Root, 2);
        var publicKey = LedgerPublicKey.FromPem(key.PublicKey.ExportPem());
        Assert.That(publicKey.Verify(head), Is.True);
        Assert.That(publicKey.KeyId, Is.EqualTo(key.PublicKey.KeyId));
    }

    [Test]
    public void A_key_on_another_curve_is_refused_with_a_precise_error()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var error = Assert.Throws<ArgumentException>(() => LedgerSigningKey.FromPem(p384.ExportPkcs8PrivateKeyPem()));
        Assert.That(error!.Message, Does.Contain("P-256"));
        Assert.Throws<ArgumentException>(() => LedgerSigningKey.FromPem("not a pem"));
    }
}
