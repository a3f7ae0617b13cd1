using System.Security.Cryptography;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Events;
using Core = SealCabinet.Firmware.Core.Messages;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Tests.Infrastructure;

/// <summary>
/// The events a cabinet's firmware raises for one stamping (docs: Sleeves/SleeveController, Firmware/CabinetFirmware):
/// GRANT_ACCEPTED, SLEEVE_UNLOCKED + document-before photo, SEAL_LIFTED + person photo, PRESS…, (OVERUSE_ALARM),
/// SEAL_RETURNED, SLEEVE_RELOCKED + document-after photo, signed by the firmware core.
/// </summary>
internal sealed class StampingScript(DeviceChain chain)
{
    private int _photo;

    /// <summary>The photos taken, by evidence id (what the cabinet later uploads).</summary>
    public Dictionary<string, byte[]> Photos { get; } = [];

    public List<SignedEventRecord> Stamp(Wire.Grant grant, int presses) => [.. Begin(grant), .. Presses(grant, presses), .. Finish(grant, presses)];

    /// <summary>Accepted, unlocked (document photo), lifted (person photo).</summary>
    public List<SignedEventRecord> Begin(Wire.Grant grant) =>
    [
        Event(Core.EventType.GrantAccepted, grant),
        Event(Core.EventType.SleeveUnlocked, grant),
        Photo(grant, Core.EvidenceKind.DocumentBefore),
        Event(Core.EventType.SealLifted, grant),
        Photo(grant, Core.EvidenceKind.Person),
    ];

    /// <summary>The presses, with an overuse alarm after each press beyond the grant.</summary>
    public List<SignedEventRecord> Presses(Wire.Grant grant, int presses)
    {
        var events = new List<SignedEventRecord>();
        for (uint i = 1; i <= presses; i++)
        {
            var count = i;
            events.Add(Event(Core.EventType.Press, grant, e => e.PressCount = count));
            if (count > grant.PressesAllowed)
            {
                events.Add(Event(Core.EventType.OveruseAlarm, grant, e => { e.PressCount = count; e.Detail = $"press {count} of {grant.PressesAllowed} allowed"; }));
            }
        }

        return events;
    }

    /// <summary>Seal returned, sleeve relocked with the final count, document photo after stamping.</summary>
    public List<SignedEventRecord> Finish(Wire.Grant grant, int presses) =>
    [
        Event(Core.EventType.SealReturned, grant),
        Event(Core.EventType.SleeveRelocked, grant, e => e.PressCount = (uint)presses),
        Photo(grant, Core.EvidenceKind.DocumentAfter),
    ];

    public SignedEventRecord Event(Core.EventType type, Wire.Grant grant, Action<Core.DeviceEvent>? fill = null) =>
        chain.Next(type, e => { ForGrant(e, grant); fill?.Invoke(e); });

    public SignedEventRecord Refuse(Wire.Grant grant, Core.GrantRefusalReason reason) =>
        chain.Next(Core.EventType.GrantRefused, e => { ForGrant(e, grant); e.RefusalReason = reason; });

    public SignedEventRecord Photo(Wire.Grant grant, Core.EvidenceKind kind, int size = 50_000)
    {
        var id = $"e1-{++_photo}";
        var jpeg = RandomNumberGenerator.GetBytes(size);
        Photos[id] = jpeg;
        var mac = new ManagedMacProvider();
        var evidenceKey = DeviceKeys.Derive(chain.Secret, mac).EvidenceKey;
        return chain.Next(Core.EventType.EvidenceCaptured, e =>
        {
            ForGrant(e, grant);
            e.EvidenceId = id;
            e.EvidenceKind = kind;
            e.EvidenceSize = (uint)jpeg.Length;
            e.EvidenceDigest = mac.ComputeHmacSha256(evidenceKey, jpeg, 0, jpeg.Length);
        });
    }

    private static void ForGrant(Core.DeviceEvent e, Wire.Grant grant)
    {
        e.GrantId = grant.GrantId;
        e.GrantCounter = grant.Counter;
        e.Sleeve = grant.Sleeve;
        e.SealKind = grant.Sleeve switch { 1 => Core.SealKind.Party, 2 => Core.SealKind.Committee, _ => Core.SealKind.Cooperative };
    }
}
