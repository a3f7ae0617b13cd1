using System.Collections;
using System.Security.Cryptography;
using Google.Protobuf;
using SealCabinet.Firmware.Core.Events;
using SealCabinet.Firmware.Core.Uplink;
using Core = SealCabinet.Firmware.Core.Messages;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Tests.Infrastructure;

/// <summary>
/// A cabinet's event chain produced by the firmware core itself (its codec and <see cref="EventSigner"/>), so
/// the service is tested against exactly the bytes a cabinet sends.
/// </summary>
internal sealed class DeviceChain
{
    private readonly EventSigner _signer;
    private ulong _uptime = 1_000;

    public DeviceChain(RegisteredCabinet cabinet, uint epoch = 1)
    {
        DeviceId = cabinet.DeviceId;
        Secret = cabinet.Secret;
        _signer = EventSigner.ForNewChain(cabinet.DeviceId, cabinet.Secret, epoch);
    }

    public string DeviceId { get; }

    public byte[] Secret { get; }

    public uint Epoch => _signer.ChainEpoch;

    public List<SignedEventRecord> Records { get; } = [];

    /// <summary>Signs the next event; <paramref name="fill"/> sets the fields other than the chain fields.</summary>
    public SignedEventRecord Next(Core.EventType type = Core.EventType.Heartbeat, Action<Core.DeviceEvent>? fill = null)
    {
        _uptime += 250;
        var e = new Core.DeviceEvent
        {
            Type = type,
            UptimeMs = _uptime,
            DeviceTimeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            BootCount = 1,
            Detail = type == Core.EventType.Heartbeat ? "heap ok" : "",
        };
        fill?.Invoke(e);
        var record = _signer.SignNext(e);
        Records.Add(record);
        return record;
    }

    public List<SignedEventRecord> NextMany(int count, Core.EventType type = Core.EventType.Heartbeat) =>
        [.. Enumerable.Range(0, count).Select(_ => Next(type))];

    /// <summary>The batch as Google.Protobuf sees it, from the firmware's encoded SignedEvent bytes.</summary>
    public Wire.EventBatch Batch(IEnumerable<SignedEventRecord> records) => Batch(DeviceId, records.Select(r => Wire.SignedEvent.Parser.ParseFrom(r.SignedEventBytes)));

    public static Wire.EventBatch Batch(string deviceId, IEnumerable<Wire.SignedEvent> events)
    {
        var batch = new Wire.EventBatch { DeviceId = deviceId, Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(16)) };
        batch.Events.AddRange(events);
        return batch;
    }

    /// <summary>The PushEventsRequest bytes exactly as the firmware's uplink encodes them.</summary>
    public byte[] EncodedPushRequest(IEnumerable<SignedEventRecord> records, byte[] nonce)
    {
        var payloads = new ArrayList();
        foreach (var record in records)
        {
            payloads.Add(record.SignedEventBytes);
        }

        return PushEventsEncoder.Encode(DeviceId, payloads, nonce);
    }

    /// <summary>A signed event with one byte of its event bytes flipped (MAC unchanged).</summary>
    public static Wire.SignedEvent Tampered(SignedEventRecord record, int index = 3)
    {
        var bytes = record.EventBytes.ToArray();
        bytes[index] ^= 0x01;
        return new Wire.SignedEvent { Event = ByteString.CopyFrom(bytes), Mac = ByteString.CopyFrom(record.Mac) };
    }

    public static Wire.SignedEvent Signed(SignedEventRecord record) => Wire.SignedEvent.Parser.ParseFrom(record.SignedEventBytes);
}
