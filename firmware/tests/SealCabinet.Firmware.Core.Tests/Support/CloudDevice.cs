using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using SealCabinet.Contracts.V1;

namespace SealCabinet.Firmware.Core.Tests.Support;

/// <summary>
/// What the in-test gateway knows about one cabinet: its keys (derived independently with the BCL), the
/// events it stored, the grants issued to it, its evidence, and failures to inject. Thread-safe.
/// </summary>
internal sealed class CloudDevice
{
    private readonly object _gate = new();
    private readonly List<byte[]> _events = [];
    private readonly List<SignedGrant> _grants = [];
    private readonly Dictionary<string, MemoryStream> _evidence = [];
    private readonly Dictionary<string, byte[]> _evidenceDigests = [];
    private readonly List<SignedWithdrawal> _withdrawals = [];
    private ulong _nextCounter = 1;
    private SignedRoster _roster;

    public CloudDevice(string deviceId, byte[] secret)
    {
        DeviceId = deviceId;
        Secret = secret;
        EventKey = Key(secret, "event");
        GrantKey = Key(secret, "grant");
        TimeKey = Key(secret, "time");
        EvidenceKey = Key(secret, "evidence");
        RosterKey = Key(secret, "roster");
        WithdrawalKey = Key(secret, "withdrawal");
        _roster = BuildRoster(1, CabinetAuthPolicy.PinOrCard, new RosterPerson(Custodian, Pin, CustodianCard));
    }

    /// <summary>The custodian every grant names unless a test says otherwise.</summary>
    public const string Custodian = "custodian-1";

    /// <summary>Their PIN in the default roster.</summary>
    public const string Pin = "2468";

    /// <summary>PBKDF2 iterations of the test rosters' verifiers.</summary>
    public const uint PinIterations = 1000;

    /// <summary>Their card's UID in the default roster.</summary>
    public static readonly byte[] CustodianCard = [0x04, 0xA1, 0xB2, 0xC3];

    public byte[] RosterKey { get; }

    public byte[] WithdrawalKey { get; }

    /// <summary>The roster the cloud serves (version 1: <see cref="Custodian"/> with <see cref="Pin"/> and <see cref="CustodianCard"/>, PIN or card).</summary>
    public SignedRoster Roster
    {
        get
        {
            lock (_gate)
            {
                return _roster;
            }
        }

        set
        {
            lock (_gate)
            {
                _roster = value;
            }
        }
    }

    /// <summary>A roster as the cloud builds it: PBKDF2 verifiers with fresh salts, card digests under the roster key.</summary>
    public SignedRoster BuildRoster(ulong version, CabinetAuthPolicy policy, params RosterPerson[] people)
    {
        CustodianRoster roster = new() { DeviceId = DeviceId, Version = version, IssuedAtMs = ServerNowMs, Policy = policy };
        foreach (RosterPerson person in people)
        {
            RosterEntry entry = new() { PersonId = person.PersonId };
            if (person.Pin is not null)
            {
                byte[] salt = RandomNumberGenerator.GetBytes(16);
                entry.PinSalt = ByteString.CopyFrom(salt);
                entry.PinIterations = PinIterations;
                entry.PinVerifier = ByteString.CopyFrom(Rfc2898DeriveBytes.Pbkdf2(Encoding.ASCII.GetBytes(person.Pin), salt, (int)PinIterations, HashAlgorithmName.SHA256, 32));
            }

            if (person.Card is not null)
            {
                entry.CardDigest = ByteString.CopyFrom(HMACSHA256.HashData(RosterKey, person.Card));
            }

            roster.Entries.Add(entry);
        }

        byte[] bytes = roster.ToByteArray();
        return new SignedRoster { Roster = ByteString.CopyFrom(bytes), Mac = ByteString.CopyFrom(HMACSHA256.HashData(RosterKey, bytes)) };
    }

    /// <summary>Withdraws a grant: the answer of every later poll carries it.</summary>
    public SignedWithdrawal Withdraw(SignedGrant grant, string reason = "request cancelled")
    {
        UnlockGrant g = UnlockGrant.Parser.ParseFrom(grant.Grant);
        byte[] bytes = new GrantWithdrawal { DeviceId = g.DeviceId, GrantId = g.GrantId, Counter = g.Counter, WithdrawnAtMs = ServerNowMs, Reason = reason }.ToByteArray();
        SignedWithdrawal signed = new() { Withdrawal = ByteString.CopyFrom(bytes), Mac = ByteString.CopyFrom(HMACSHA256.HashData(WithdrawalKey, bytes)) };
        lock (_gate)
        {
            _grants.Remove(grant);
            _withdrawals.Add(signed);
        }

        return signed;
    }

    public string DeviceId { get; }

    public byte[] Secret { get; }

    public byte[] EventKey { get; }

    public byte[] GrantKey { get; }

    public byte[] TimeKey { get; }

    public byte[] EvidenceKey { get; }

    /// <summary>The server's wall clock for this device, Unix ms.</summary>
    public long ServerNowMs { get; set; } = 1_750_000_000_000;

    /// <summary>The chain epoch being stored.</summary>
    public uint ChainEpoch { get; private set; } = 1;

    /// <summary>When set, a CHAIN_RESTART at seq 1 of the next epoch is accepted.</summary>
    public bool ChainRestartAuthorized { get; set; }

    /// <summary>The next calls fail with this status (count down).</summary>
    public int FailNextCalls { get; set; }

    public StatusCode FailStatus { get; set; } = StatusCode.Unavailable;

    /// <summary>When set, acks carry a server time signed with a wrong key.</summary>
    public bool ForgeServerTime { get; set; }

    public int Calls { get; private set; }

    public ulong AckedSeq
    {
        get
        {
            lock (_gate)
            {
                return (ulong)_events.Count;
            }
        }
    }

    /// <summary>Drops the stored events after <paramref name="seq"/>, as a cloud restored from an older backup has.</summary>
    public void ForgetAfter(ulong seq)
    {
        lock (_gate)
        {
            _events.RemoveRange((int)seq, _events.Count - (int)seq);
        }
    }

    public List<DeviceEvent> StoredEvents()
    {
        lock (_gate)
        {
            return _events.Select(e => DeviceEvent.Parser.ParseFrom(e)).ToList();
        }
    }

    public byte[]? Evidence(string id)
    {
        lock (_gate)
        {
            return _evidence.TryGetValue(id, out MemoryStream? s) ? s.ToArray() : null;
        }
    }

    public SignedGrant IssueGrant(uint sleeve, SealKind kind, uint presses, long notBeforeMs, long expiresAtMs, ulong? counter = null, string? deviceId = null, string custodianId = Custodian)
    {
        lock (_gate)
        {
            UnlockGrant grant = new()
            {
                GrantId = Guid.NewGuid().ToString(),
                DeviceId = deviceId ?? DeviceId,
                Sleeve = sleeve,
                SealKind = kind,
                RequestId = Guid.NewGuid().ToString(),
                PressesAllowed = presses,
                DocumentDigest = ByteString.CopyFrom(SHA256.HashData(Encoding.UTF8.GetBytes("document"))),
                NotBeforeMs = notBeforeMs,
                ExpiresAtMs = expiresAtMs,
                Counter = counter ?? _nextCounter,
                MatterCode = "M-042",
                CustodianId = custodianId,
            };
            _nextCounter = Math.Max(_nextCounter, grant.Counter + 1);
            byte[] bytes = grant.ToByteArray();
            SignedGrant signed = new() { Grant = ByteString.CopyFrom(bytes), Mac = ByteString.CopyFrom(HMACSHA256.HashData(GrantKey, bytes)) };
            _grants.Add(signed);
            return signed;
        }
    }

    public void CheckFailure()
    {
        lock (_gate)
        {
            Calls++;
            if (FailNextCalls > 0)
            {
                FailNextCalls--;
                throw new RpcException(new Status(FailStatus, "injected failure, retry later"));
            }
        }
    }

    public PushAck Store(EventBatch batch)
    {
        lock (_gate)
        {
            PushAck ack = new();
            foreach (SignedEvent signed in batch.Events)
            {
                byte[] bytes = signed.Event.ToByteArray();
                if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(EventKey, bytes), signed.Mac.Span))
                {
                    return Reject(ack, RejectionReason.BadMac, 0);
                }

                DeviceEvent e = DeviceEvent.Parser.ParseFrom(bytes);
                if (e.DeviceId != DeviceId)
                {
                    return Reject(ack, RejectionReason.WrongDevice, e.Seq);
                }

                if (e.ChainEpoch == ChainEpoch + 1 && e.Seq == 1 && e.Type == EventType.ChainRestart && ChainRestartAuthorized)
                {
                    ChainEpoch++;
                    _events.Clear();
                }

                if (e.ChainEpoch != ChainEpoch)
                {
                    return Reject(ack, RejectionReason.WrongDevice, e.Seq);
                }

                if (e.Seq <= (ulong)_events.Count)
                {
                    if (!_events[(int)e.Seq - 1].AsSpan().SequenceEqual(bytes))
                    {
                        return Reject(ack, RejectionReason.ConflictingEvent, e.Seq);
                    }

                    continue;
                }

                if (e.Seq != (ulong)_events.Count + 1)
                {
                    return Reject(ack, RejectionReason.SequenceGap, e.Seq);
                }

                byte[] expectedPrev = _events.Count == 0 ? new byte[32] : SHA256.HashData(_events[^1]);
                if (!e.PrevHash.Span.SequenceEqual(expectedPrev))
                {
                    return Reject(ack, RejectionReason.ChainBroken, e.Seq);
                }

                _events.Add(bytes);
                if (e.Type == EventType.EvidenceCaptured)
                {
                    _evidenceDigests[e.EvidenceId] = e.EvidenceDigest.ToByteArray();
                }
            }

            ack.AckedSeq = (ulong)_events.Count;
            ack.ChainEpoch = ChainEpoch;
            return ack;
        }
    }

    public FetchGrantsResponse Fetch(GrantQuery query)
    {
        lock (_gate)
        {
            FetchGrantsResponse response = new();
            foreach (SignedGrant g in _grants.Where(g => UnlockGrant.Parser.ParseFrom(g.Grant).Counter > query.AfterCounter))
            {
                response.Grants.Add(g);
            }

            response.Withdrawals.AddRange(_withdrawals);
            if (CustodianRoster.Parser.ParseFrom(_roster.Roster).Version > query.RosterVersion)
            {
                response.Roster = _roster;
            }

            return response;
        }
    }

    public EvidenceReceipt PutChunk(EvidenceChunk chunk)
    {
        lock (_gate)
        {
            if (!_evidence.TryGetValue(chunk.EvidenceId, out MemoryStream? stream))
            {
                stream = new MemoryStream();
                _evidence[chunk.EvidenceId] = stream;
            }

            if (chunk.Offset == stream.Length)
            {
                stream.Write(chunk.Data.Span);
            }

            bool complete = stream.Length == chunk.TotalSize;
            bool verified = complete && _evidenceDigests.TryGetValue(chunk.EvidenceId, out byte[]? digest)
                && CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(EvidenceKey, stream.ToArray()), digest);
            return new EvidenceReceipt { EvidenceId = chunk.EvidenceId, ReceivedBytes = (uint)stream.Length, Complete = complete, Verified = verified };
        }
    }

    public SignedServerTime SignTime(ByteString nonce)
    {
        byte[] time = new ServerTime { DeviceId = DeviceId, ServerTimeMs = ServerNowMs, Nonce = nonce }.ToByteArray();
        byte[] key = ForgeServerTime ? EventKey : TimeKey;
        return new SignedServerTime { Time = ByteString.CopyFrom(time), Mac = ByteString.CopyFrom(HMACSHA256.HashData(key, time)) };
    }

    public static byte[] Key(byte[] secret, string purpose) => HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes("sealcabinet/v1/key/" + purpose));

    private PushAck Reject(PushAck ack, RejectionReason reason, ulong seq)
    {
        ack.AckedSeq = (ulong)_events.Count;
        ack.ChainEpoch = ChainEpoch;
        ack.Rejection = reason;
        ack.RejectedSeq = seq;
        return ack;
    }
}
