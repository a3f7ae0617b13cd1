using System.Security.Cryptography;
using SealCabinet.Cloud.Service.Recording;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>
/// Walks a batch against the locked chain head (docs/device-protocol.md "Event chain"): repeats of stored
/// events are skipped when their bytes hash the same and rejected otherwise; each new event must carry the
/// next seq and the previous event's hash; a CHAIN_RESTART at seq 1 of the authorised next epoch starts a new
/// chain. The walk stops at the first event it cannot take.
/// </summary>
internal sealed class ChainWalk
{
    private ChainWalk(int epoch, long lastSeq, byte[] lastHash)
    {
        ChainEpoch = epoch;
        LastSeq = lastSeq;
        LastHash = lastHash;
    }

    public List<IncomingEvent> ToStore { get; } = [];

    public int ChainEpoch { get; private set; }

    public long LastSeq { get; private set; }

    public byte[] LastHash { get; private set; }

    /// <summary>True when the batch started the authorised new chain.</summary>
    public bool Restarted { get; private set; }

    public ChainRejection? Rejection { get; private set; }

    public static ChainWalk Run(ChainHead head, IReadOnlyList<IncomingEvent> events, IReadOnlyDictionary<long, byte[]> storedHashes)
    {
        var walk = new ChainWalk(head.ChainEpoch, head.LastSeq, head.LastEventHash ?? new byte[32]);
        var batchHashes = new Dictionary<long, byte[]>();
        foreach (var incoming in events)
        {
            if (!walk.Take(head, incoming, storedHashes, batchHashes))
            {
                break;
            }
        }

        return walk;
    }

    private bool Take(ChainHead head, IncomingEvent incoming, IReadOnlyDictionary<long, byte[]> storedHashes, Dictionary<long, byte[]> batchHashes)
    {
        if (incoming.Problem != Wire.RejectionReason.Unspecified)
        {
            var kind = incoming.Problem switch
            {
                Wire.RejectionReason.BadMac => SecurityEventKinds.BadMac,
                Wire.RejectionReason.WrongDevice => SecurityEventKinds.WrongDevice,
                _ => SecurityEventKinds.Malformed,
            };
            // An event too damaged to read its seq is reported at the position it holds in the chain.
            return Reject(incoming.Problem, incoming.Seq > 0 ? incoming.Seq : LastSeq + 1, null, kind, incoming.ProblemDetail);
        }

        var e = incoming.Decoded!;
        var epoch = (int)e.ChainEpoch;
        var seq = (long)e.Seq;
        if (epoch == ChainEpoch && seq <= LastSeq)
        {
            var known = batchHashes.GetValueOrDefault(seq) ?? (Restarted ? null : storedHashes.GetValueOrDefault(seq));
            if (known is not null && CryptographicOperations.FixedTimeEquals(known, incoming.Hash))
            {
                return true;
            }

            return Reject(Wire.RejectionReason.ConflictingEvent, seq, epoch, SecurityEventKinds.ConflictingEvent,
                known is null ? "seq is below the stored head but no stored event has it" : "seq is already stored with different bytes");
        }

        if (epoch == ChainEpoch && seq == LastSeq + 1)
        {
            if (!e.PrevHash.Span.SequenceEqual(LastHash))
            {
                return Reject(Wire.RejectionReason.ChainBroken, seq, epoch, SecurityEventKinds.ChainBroken,
                    "prev_hash is not the hash of the stored previous event");
            }

            Append(incoming, seq, batchHashes);
            return true;
        }

        if (epoch == ChainEpoch)
        {
            return Reject(Wire.RejectionReason.SequenceGap, seq, epoch, SecurityEventKinds.SequenceGap,
                $"expected seq {LastSeq + 1}, got {seq}");
        }

        var isRestart = seq == 1 && e.Type == Wire.EventType.ChainRestart && IngestionPipeline.IsZeroHash(e.PrevHash.Span);
        if (isRestart && !Restarted && head.AuthorizedChainEpoch == epoch)
        {
            Restarted = true;
            ChainEpoch = epoch;
            LastSeq = 0;
            batchHashes.Clear();
            Append(incoming, seq, batchHashes);
            return true;
        }

        if (isRestart && epoch > ChainEpoch)
        {
            return Reject(Wire.RejectionReason.ChainBroken, seq, epoch, SecurityEventKinds.UnauthorizedChainRestart,
                $"chain restart to epoch {epoch} was not authorised (Devices.AuthorizeChainRestart)");
        }

        return Reject(Wire.RejectionReason.WrongDevice, seq, epoch, SecurityEventKinds.WrongChainEpoch,
            $"event of chain epoch {epoch}, the stored chain is epoch {ChainEpoch}");
    }

    private void Append(IncomingEvent incoming, long seq, Dictionary<long, byte[]> batchHashes)
    {
        ToStore.Add(incoming);
        batchHashes[seq] = incoming.Hash;
        LastSeq = seq;
        LastHash = incoming.Hash;
    }

    private bool Reject(Wire.RejectionReason reason, long seq, int? epoch, string kind, string detail)
    {
        Rejection = new ChainRejection(reason, seq, epoch, kind, detail);
        return false;
    }
}
