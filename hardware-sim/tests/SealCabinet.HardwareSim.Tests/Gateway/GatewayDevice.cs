using System.Security.Cryptography;
using Google.Protobuf;
using SealCabinet.Contracts.V1;

namespace SealCabinet.HardwareSim.Tests.Gateway;

/// <summary>What the test gateway knows and holds for one device: keys, the accepted chain, photos, live grants.</summary>
internal sealed class GatewayDevice
{
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
    }

    public string DeviceId { get; }

    public byte[] Secret { get; }

    public TestKeys Keys { get; }

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

    private PushAck Ack(ByteString nonce, RejectionReason rejection, ulong rejectedSeq) => new()
    {
        AckedSeq = _events.Count == 0 ? 0 : _events[^1].Seq,
        ServerTime = ServerTime(nonce),
        Rejection = rejection,
        RejectedSeq = rejectedSeq,
        ChainEpoch = 1,
    };
}
