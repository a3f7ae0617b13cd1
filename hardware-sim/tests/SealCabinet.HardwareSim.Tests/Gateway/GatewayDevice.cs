using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using SealCabinet.Contracts.V1;

namespace SealCabinet.HardwareSim.Tests.Gateway;

/// <summary>
/// What the test gateway knows and holds for one device: keys, the accepted chain, photos, live grants, and the
/// custodian roster of its village (<see cref="Custodian"/> with <see cref="Pin"/> and <see cref="Card"/>, PIN or card),
/// which every grant names.
/// </summary>
internal sealed class GatewayDevice
{
    /// <summary>The custodian every grant is for.</summary>
    public const string Custodian = "li-mei";

    /// <summary>Their cabinet PIN.</summary>
    public const string Pin = "2468";

    /// <summary>Their card's UID.</summary>
    public static readonly byte[] Card = [0x04, 0xA1, 0xB2, 0xC3];

    /// <summary>PBKDF2 iterations of the roster's PIN verifiers (few: the firmware's managed PBKDF2 runs in every test).</summary>
    private const int PinIterations = 1000;

    private readonly object _lock = new();
    private readonly List<StoredEvent> _events = [];
    private readonly List<SignedGrant> _grants = [];
    private readonly Dictionary<string, MemoryStream> _evidence = [];
    private readonly HashSet<string> _verifiedEvidence = [];
    private ulong _nextCounter = 1;

    public GatewayDevice(string deviceId, byte[] secret)
    {
        DeviceId = deviceId;
        Secret = secret;
        Keys = new TestKeys(secret);
        Roster = BuildRoster();
    }

    public string DeviceId { get; }

    public byte[] Secret { get; }

    public TestKeys Keys { get; }

    /// <summary>The roster FetchGrants hands to a cabinet holding an older one.</summary>
    public SignedRoster Roster { get; }

    public IReadOnlyList<StoredEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyCollection<string> VerifiedEvidence
    {
        get
        {
            lock (_lock)
            {
                return [.. _verifiedEvidence];
            }
        }
    }

    /// <summary>Stores a batch the way the cloud must: MAC, contiguous seq, prev_hash chain; duplicates are idempotent.</summary>
    public PushAck Store(EventBatch batch)
    {
        lock (_lock)
        {
            foreach (var signed in batch.Events)
            {
                var bytes = signed.Event.ToByteArray();
                if (!TestKeys.Verify(Keys.Event, bytes, signed.Mac.ToByteArray()))
                {
                    return Ack(batch.Nonce, RejectionReason.BadMac, 0);
                }

                var e = DeviceEvent.Parser.ParseFrom(bytes);
                var last = _events.Count == 0 ? 0UL : _events[^1].Seq;
                if (e.Seq <= last)
                {
                    if (!_events[(int)e.Seq - 1].EventBytes.AsSpan().SequenceEqual(bytes))
                    {
                        return Ack(batch.Nonce, RejectionReason.ConflictingEvent, e.Seq);
                    }

                    continue;
                }

                if (e.Seq != last + 1)
                {
                    return Ack(batch.Nonce, RejectionReason.SequenceGap, e.Seq);
                }

                var expected = _events.Count == 0 ? new byte[32] : SHA256.HashData(_events[^1].EventBytes);
                if (!expected.AsSpan().SequenceEqual(e.PrevHash.Span) || e.DeviceId != DeviceId)
                {
                    return Ack(batch.Nonce, RejectionReason.ChainBroken, e.Seq);
                }

                _events.Add(new StoredEvent(e.Seq, bytes, e));
            }

            return Ack(batch.Nonce, RejectionReason.Unspecified, 0);
        }
    }

    public SignedServerTime ServerTime(ByteString nonce)
    {
        var time = new ServerTime { DeviceId = DeviceId, ServerTimeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Nonce = nonce }.ToByteArray();
        return new SignedServerTime { Time = ByteString.CopyFrom(time), Mac = ByteString.CopyFrom(HMACSHA256.HashData(Keys.Time, time)) };
    }

    /// <summary>Issues a grant (next counter) and keeps it live for FetchGrants.</summary>
    public SignedGrant IssueGrant(uint sleeve, SealKind kind, uint presses, TimeSpan validFor, bool keepLive = true)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        UnlockGrant grant;
        lock (_lock)
        {
            grant = new UnlockGrant
            {
                GrantId = Guid.NewGuid().ToString(),
                DeviceId = DeviceId,
                Sleeve = sleeve,
                SealKind = kind,
                RequestId = Guid.NewGuid().ToString(),
                PressesAllowed = presses,
                DocumentDigest = ByteString.CopyFrom(new byte[32]),
                NotBeforeMs = now - 60_000,
                ExpiresAtMs = now + (long)validFor.TotalMilliseconds,
                Counter = _nextCounter++,
                MatterCode = "business-premises-certificate",
                CustodianId = Custodian,
            };
        }

        var bytes = grant.ToByteArray();
        var signed = new SignedGrant { Grant = ByteString.CopyFrom(bytes), Mac = ByteString.CopyFrom(HMACSHA256.HashData(Keys.Grant, bytes)) };
        if (keepLive)
        {
            lock (_lock)
            {
                _grants.Add(signed);
            }
        }

        return signed;
    }

    public IReadOnlyList<SignedGrant> LiveGrantsAfter(ulong counter)
    {
        lock (_lock)
        {
            var used = _events.Where(e => e.Event.Type is EventType.GrantAccepted or EventType.GrantRefused).Select(e => e.Event.GrantCounter).ToHashSet();
            return [.. _grants.Where(g => UnlockGrant.Parser.ParseFrom(g.Grant).Counter is var c && c > counter && !used.Contains(c))];
        }
    }

    public EvidenceReceipt PutChunk(EvidenceChunk chunk)
    {
        lock (_lock)
        {
            if (!_evidence.TryGetValue(chunk.EvidenceId, out var buffer))
            {
                buffer = new MemoryStream();
                _evidence[chunk.EvidenceId] = buffer;
            }

            if (chunk.Offset == buffer.Length)
            {
                chunk.Data.WriteTo(buffer);
            }

            var complete = buffer.Length == chunk.TotalSize;
            var verified = false;
            if (complete)
            {
                var digest = _events.Select(e => e.Event).LastOrDefault(e => e.Type == EventType.EvidenceCaptured && e.EvidenceId == chunk.EvidenceId)?.EvidenceDigest;
                verified = digest is not null && TestKeys.Verify(Keys.Evidence, buffer.ToArray(), digest.ToByteArray());
                if (verified)
                {
                    _verifiedEvidence.Add(chunk.EvidenceId);
                }
            }

            return new EvidenceReceipt { EvidenceId = chunk.EvidenceId, ReceivedBytes = (uint)buffer.Length, Complete = complete, Verified = verified };
        }
    }

    /// <summary>Version 1 of the roster as the cloud builds it (policy PIN_OR_CARD): a salted PBKDF2 verifier of the PIN and the card's digest under the roster key.</summary>
    private SignedRoster BuildRoster()
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var entry = new RosterEntry
        {
            PersonId = Custodian,
            PinSalt = ByteString.CopyFrom(salt),
            PinIterations = PinIterations,
            PinVerifier = ByteString.CopyFrom(Rfc2898DeriveBytes.Pbkdf2(Encoding.ASCII.GetBytes(Pin), salt, PinIterations, HashAlgorithmName.SHA256, 32)),
            CardDigest = ByteString.CopyFrom(HMACSHA256.HashData(Keys.Roster, Card)),
        };
        var roster = new CustodianRoster { DeviceId = DeviceId, Version = 1, IssuedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Policy = CabinetAuthPolicy.PinOrCard };
        roster.Entries.Add(entry);
        var bytes = roster.ToByteArray();
        return new SignedRoster { Roster = ByteString.CopyFrom(bytes), Mac = ByteString.CopyFrom(HMACSHA256.HashData(Keys.Roster, bytes)) };
    }

    private PushAck Ack(ByteString nonce, RejectionReason rejection, ulong rejectedSeq) => new()
    {
        AckedSeq = _events.Count == 0 ? 0 : _events[^1].Seq,
        ServerTime = ServerTime(nonce),
        Rejection = rejection,
        RejectedSeq = rejectedSeq,
        ChainEpoch = 1,
    };
}
