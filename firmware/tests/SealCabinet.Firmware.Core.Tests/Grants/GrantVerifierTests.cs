using System.Security.Cryptography;
using Google.Protobuf;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Grants;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Tests.Support;
using SealCabinet.Firmware.Core.Time;
using SealCabinet.Firmware.Host.Clock;
using Contract = SealCabinet.Contracts.V1;

namespace SealCabinet.Firmware.Core.Tests.Grants;

/// <summary>Every check of the grant verifier, each refusal with its own reason.</summary>
[TestFixture]
public sealed class GrantVerifierTests
{
    private const string DeviceId = "cab-verifier";
    private const long ServerNow = 1_760_000_000_000;
    private static readonly byte[] Secret = Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray();
    private static readonly SealKind[] Kinds = [SealKind.Committee, SealKind.Party, SealKind.Cooperative];

    private ManualClock _clock = null!;
    private TrustedClock _time = null!;
    private AntiReplayWindow _window = null!;
    private GrantVerifier _verifier = null!;

    [SetUp]
    public void SetUp()
    {
        ManagedMacProvider mac = new();
        DeviceKeys keys = DeviceKeys.Derive(Secret, mac);
        _clock = new ManualClock(5_000);
        _time = new TrustedClock(DeviceId, keys.TimeKey, mac, _clock);
        _window = new AntiReplayWindow();
        _verifier = new GrantVerifier(DeviceId, keys.GrantKey, mac, Kinds, _time, _window);
        byte[] nonce = RandomNumberGenerator.GetBytes(16);
        Assert.That(_time.Apply(SignTime(DeviceId, ServerNow, nonce, "time"), nonce), Is.EqualTo(TimeUpdateResult.Accepted));
    }

    [Test]
    public void A_valid_grant_is_accepted_and_decoded()
    {
        GrantVerification verdict = _verifier.Verify(Sign(Grant()));

        Assert.That(verdict.Accepted, Is.True);
        Assert.That(verdict.Grant!.Sleeve, Is.EqualTo(2u));
        Assert.That(verdict.Grant.PressesAllowed, Is.EqualTo(3u));
    }

    [Test]
    public void A_grant_signed_with_another_key_is_refused_as_bad_mac()
    {
        Assert.That(_verifier.Verify(Sign(Grant(), purpose: "event")).Reason, Is.EqualTo(GrantRefusalReason.BadMac));
    }

    [Test]
    public void Flipping_any_single_byte_of_the_signed_grant_is_refused()
    {
        byte[] signed = Sign(Grant());
        for (int i = 0; i < signed.Length; i++)
        {
            byte[] copy = (byte[])signed.Clone();
            copy[i] ^= 0x01;

            GrantRefusalReason reason = _verifier.Verify(copy).Reason;

            Assert.That(reason, Is.AnyOf(GrantRefusalReason.BadMac, GrantRefusalReason.Malformed), $"byte {i}");
        }
    }

    [Test]
    public void A_grant_for_another_device_is_refused_as_wrong_device()
    {
        Contract.UnlockGrant grant = Grant();
        grant.DeviceId = "cab-other";

        Assert.That(_verifier.Verify(Sign(grant)).Reason, Is.EqualTo(GrantRefusalReason.WrongDevice));
    }

    [TestCase(2u, Contract.SealKind.Committee, TestName = "A_grant_for_a_sleeve_holding_another_seal_kind_is_refused_as_wrong_sleeve")]
    [TestCase(0u, Contract.SealKind.Party, TestName = "A_grant_for_sleeve_zero_is_refused_as_wrong_sleeve")]
    [TestCase(4u, Contract.SealKind.Party, TestName = "A_grant_for_a_sleeve_that_does_not_exist_is_refused_as_wrong_sleeve")]
    public void Wrong_sleeve(uint sleeve, Contract.SealKind kind)
    {
        Contract.UnlockGrant grant = Grant();
        grant.Sleeve = sleeve;
        grant.SealKind = kind;

        Assert.That(_verifier.Verify(Sign(grant)).Reason, Is.EqualTo(GrantRefusalReason.WrongSleeve));
    }

    [Test]
    public void A_grant_at_or_after_its_expiry_is_refused_as_expired()
    {
        Contract.UnlockGrant grant = Grant();
        grant.ExpiresAtMs = ServerNow + 1_000;
        byte[] signed = Sign(grant);

        Assert.That(_verifier.Verify(signed).Accepted, Is.True);
        _clock.Advance(1_000);
        Assert.That(_verifier.Verify(signed).Reason, Is.EqualTo(GrantRefusalReason.Expired));
    }

    [Test]
    public void A_grant_before_its_not_before_time_is_refused_as_not_yet_valid()
    {
        Contract.UnlockGrant grant = Grant();
        grant.NotBeforeMs = ServerNow + 10_000;
        byte[] signed = Sign(grant);

        Assert.That(_verifier.Verify(signed).Reason, Is.EqualTo(GrantRefusalReason.NotYetValid));
        _clock.Advance(10_000);
        Assert.That(_verifier.Verify(signed).Accepted, Is.True);
    }

    [Test]
    public void Without_trusted_time_every_grant_is_refused_as_no_trusted_time()
    {
        ManagedMacProvider mac = new();
        DeviceKeys keys = DeviceKeys.Derive(Secret, mac);
        GrantVerifier fresh = new(DeviceId, keys.GrantKey, mac, Kinds, new TrustedClock(DeviceId, keys.TimeKey, mac, _clock), new AntiReplayWindow());

        Assert.That(fresh.Verify(Sign(Grant())).Reason, Is.EqualTo(GrantRefusalReason.NoTrustedTime));
    }

    [Test]
    public void A_counter_already_used_is_refused_as_replayed()
    {
        _window.Mark(7);

        Assert.That(_verifier.Verify(Sign(Grant(counter: 7))).Reason, Is.EqualTo(GrantRefusalReason.Replayed));
    }

    [Test]
    public void A_counter_older_than_the_window_is_refused_as_outside_window()
    {
        _window.Mark(100);

        Assert.That(_verifier.Verify(Sign(Grant(counter: 36))).Reason, Is.EqualTo(GrantRefusalReason.OutsideWindow));
        Assert.That(_verifier.Verify(Sign(Grant(counter: 37))).Accepted, Is.True, "counter 37 is the oldest inside a 64 window topped by 100");
    }

    [Test]
    public void Bytes_that_are_not_a_signed_grant_are_refused_as_malformed()
    {
        Assert.That(_verifier.Verify([0x0A, 0x05, 1]).Reason, Is.EqualTo(GrantRefusalReason.Malformed));
    }

    [Test]
    public void A_signed_grant_without_presses_or_id_is_refused_as_malformed()
    {
        Contract.UnlockGrant noPresses = Grant();
        noPresses.PressesAllowed = 0;
        Contract.UnlockGrant noId = Grant();
        noId.GrantId = string.Empty;

        Assert.That(_verifier.Verify(Sign(noPresses)).Reason, Is.EqualTo(GrantRefusalReason.Malformed));
        Assert.That(_verifier.Verify(Sign(noId)).Reason, Is.EqualTo(GrantRefusalReason.Malformed));
    }

    [Test]
    public void Counters_inside_the_window_may_arrive_out_of_order_but_only_once()
    {
        foreach (ulong counter in new ulong[] { 5, 3, 4, 70, 10 })
        {
            Assert.That(_window.Check(counter), Is.EqualTo(GrantRefusalReason.Unspecified), $"counter {counter}");
            _window.Mark(counter);
        }

        Assert.That(_window.Check(3), Is.EqualTo(GrantRefusalReason.Replayed).Or.EqualTo(GrantRefusalReason.OutsideWindow));
        Assert.That(_window.Check(8), Is.EqualTo(GrantRefusalReason.Unspecified), "8 is still inside the window topped by 70");
        Assert.That(_window.Check(6), Is.EqualTo(GrantRefusalReason.OutsideWindow));
        Assert.That(_window.Check(10), Is.EqualTo(GrantRefusalReason.Replayed));
        Assert.That(_window.Check(70), Is.EqualTo(GrantRefusalReason.Replayed));
        Assert.That(_window.Check(71), Is.EqualTo(GrantRefusalReason.Unspecified));
        Assert.That(AntiReplayWindow.Deserialize(_window.Serialize()).Check(10), Is.EqualTo(GrantRefusalReason.Replayed), "the window survives serialization");
    }

    [TestCase("time", "cab-verifier", true, TimeUpdateResult.Accepted)]
    [TestCase("grant", "cab-verifier", true, TimeUpdateResult.BadMac)]
    [TestCase("time", "cab-other", true, TimeUpdateResult.WrongDevice)]
    [TestCase("time", "cab-verifier", false, TimeUpdateResult.WrongNonce)]
    public void Server_time_is_trusted_only_with_the_time_key_our_device_id_and_our_nonce(string purpose, string deviceId, bool sameNonce, TimeUpdateResult expected)
    {
        ManagedMacProvider mac = new();
        TrustedClock clock = new(DeviceId, DeviceKeys.Derive(Secret, mac).TimeKey, mac, _clock);
        byte[] nonce = RandomNumberGenerator.GetBytes(16);

        TimeUpdateResult result = clock.Apply(SignTime(deviceId, ServerNow, sameNonce ? nonce : RandomNumberGenerator.GetBytes(16), purpose), nonce);

        Assert.That(result, Is.EqualTo(expected));
        Assert.That(clock.HasTrustedTime, Is.EqualTo(expected == TimeUpdateResult.Accepted));
    }

    [Test]
    public void Trusted_time_advances_with_the_monotonic_clock_from_the_moment_of_receipt()
    {
        _clock.Advance(12_345);

        Assert.That(_time.NowMs, Is.EqualTo(ServerNow + 12_345));
    }

    private static Contract.UnlockGrant Grant(ulong counter = 1) => new()
    {
        GrantId = Guid.NewGuid().ToString(),
        DeviceId = DeviceId,
        Sleeve = 2,
        SealKind = Contract.SealKind.Party,
        RequestId = Guid.NewGuid().ToString(),
        PressesAllowed = 3,
        DocumentDigest = ByteString.CopyFrom(new byte[32]),
        NotBeforeMs = ServerNow - 60_000,
        ExpiresAtMs = ServerNow + 600_000,
        Counter = counter,
    };

    private static byte[] Sign(Contract.UnlockGrant grant, string purpose = "grant")
    {
        byte[] bytes = grant.ToByteArray();
        return new Contract.SignedGrant { Grant = ByteString.CopyFrom(bytes), Mac = ByteString.CopyFrom(HMACSHA256.HashData(CloudDevice.Key(Secret, purpose), bytes)) }.ToByteArray();
    }

    private static SignedServerTime SignTime(string deviceId, long serverNow, byte[] nonce, string purpose)
    {
        byte[] time = new Contract.ServerTime { DeviceId = deviceId, ServerTimeMs = serverNow, Nonce = ByteString.CopyFrom(nonce) }.ToByteArray();
        return new SignedServerTime { Time = time, Mac = HMACSHA256.HashData(CloudDevice.Key(Secret, purpose), time) };
    }
}
