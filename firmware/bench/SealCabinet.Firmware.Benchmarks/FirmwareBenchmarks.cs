using System.Collections;
using BenchmarkDotNet.Attributes;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Events;
using SealCabinet.Firmware.Core.Grants;
using SealCabinet.Firmware.Core.Journal;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Time;
using SealCabinet.Firmware.Host.Clock;
using SealCabinet.Firmware.Host.Flash;

namespace SealCabinet.Firmware.Benchmarks;

/// <summary>The figures docs/firmware.md states: event path, grant check, journal recovery, PIN check.</summary>
[MemoryDiagnoser]
public class FirmwareBenchmarks
{
    private const string DeviceId = "cab-bench-0001";
    private readonly byte[] _secret = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private EventSigner _signer = null!;
    private EventJournal _journal = null!;
    private InMemoryFlashStore _flash = null!;
    private DeviceEvent _event = null!;
    private GrantVerifier _verifier = null!;
    private byte[] _signedGrant = null!;
    private InMemoryFlashStore _tenThousand = null!;
    private readonly byte[] _pin = "739164"u8.ToArray();
    private readonly byte[] _salt = Enumerable.Range(0, 16).Select(i => (byte)(i * 7)).ToArray();
    private readonly ManagedMacProvider _managedMac = new();
    private readonly SealCabinet.Firmware.Host.Crypto.SystemMacProvider _platformMac = new();
    private JournalOptions _bigJournal = null!;

    [GlobalSetup]
    public void Setup()
    {
        ManagedMacProvider mac = new();
        DeviceKeys keys = DeviceKeys.Derive(_secret, mac);
        _signer = new EventSigner(DeviceId, keys.EventKey, mac, 1, 0, new byte[32]);
        _bigJournal = new JournalOptions { SegmentBytes = 64 * 1024, MaxSegments = 1_000 };
        _flash = new InMemoryFlashStore(long.MaxValue);
        _journal = new EventJournal(_flash, _bigJournal);
        _journal.Recover();
        _event = new DeviceEvent
        {
            Type = EventType.Press,
            Sleeve = 2,
            SealKind = SealKind.Committee,
            GrantId = "7d0b6f3e-9a4c-4f7e-8f0a-2b1c3d4e5f60",
            GrantCounter = 1234,
            PressCount = 3,
            UptimeMs = 86_400_000,
            DeviceTimeMs = 1_760_000_000_000,
            BootCount = 12,
        };

        ManualClock clock = new(1000);
        TrustedClock time = new(DeviceId, keys.TimeKey, mac, clock);
        byte[] nonce = new byte[16];
        ServerTime serverTime = new() { DeviceId = DeviceId, ServerTimeMs = 1_760_000_000_000, Nonce = nonce };
        time.Apply(MessageSigner.SignServerTime(serverTime, keys.TimeKey, mac), nonce);
        _verifier = new GrantVerifier(DeviceId, keys.GrantKey, mac, [SealKind.Party, SealKind.Committee, SealKind.Cooperative], time, new AntiReplayWindow());
        UnlockGrant grant = new()
        {
            GrantId = "7d0b6f3e-9a4c-4f7e-8f0a-2b1c3d4e5f60",
            DeviceId = DeviceId,
            Sleeve = 2,
            SealKind = SealKind.Committee,
            RequestId = "0f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910",
            PressesAllowed = 3,
            DocumentDigest = new byte[32],
            NotBeforeMs = 1_759_999_000_000,
            ExpiresAtMs = 1_760_000_600_000,
            Counter = 1234,
            MatterCode = "M-042",
        };
        _signedGrant = MessageSigner.SignGrant(grant, keys.GrantKey, mac).ToByteArray();

        _tenThousand = new InMemoryFlashStore(long.MaxValue);
        EventJournal filling = new(_tenThousand, _bigJournal);
        filling.Recover();
        EventSigner signer = new(DeviceId, keys.EventKey, mac, 1, 0, new byte[32]);
        for (int i = 0; i < 10_000; i++)
        {
            SignedEventRecord record = signer.SignNext(_event);
            filling.Append(record.Seq, record.SignedEventBytes, EventPriority.Stamping);
        }
    }

    /// <summary>Fill in, encode, MAC, hash-chain and append one event to the journal.</summary>
    [Benchmark]
    public ulong EncodeSignAndJournalOneEvent()
    {
        SignedEventRecord record = _signer.Sign(_event);
        _journal.Append(record.Seq, record.SignedEventBytes, EventPriority.Stamping);
        _signer.Accept(record);
        if (_journal.SegmentCount > 64)
        {
            _journal.Trim(record.Seq);
        }

        return record.Seq;
    }

    /// <summary>Decode a SignedGrant, check its MAC and every rule.</summary>
    [Benchmark]
    public bool VerifyOneGrant() => _verifier.Verify(_signedGrant).Accepted;

    /// <summary>
    /// One typed PIN checked against a verifier at the cloud's default 10,000 PBKDF2 iterations, on the platform's HMAC
    /// (what the ESP32's native HMAC stands for) — the baseline — and on the core's managed HMAC.
    /// </summary>
    [Benchmark(Baseline = true)]
    public byte[] CheckPinPlatformHmac() => Pbkdf2.DeriveBlock(_pin, _salt, 10_000, _platformMac);

    /// <summary>The same on the managed HMAC (a board without a native one).</summary>
    [Benchmark]
    public byte[] CheckPinManagedHmac() => Pbkdf2.DeriveBlock(_pin, _salt, 10_000, _managedMac);

    /// <summary>Scan and CRC-check a journal of 10,000 events after a reboot.</summary>
    [Benchmark]
    public int RecoverJournalOfTenThousandEvents()
    {
        EventJournal journal = new(_tenThousand, _bigJournal);
        return journal.Recover().Records;
    }
}
