using Google.Protobuf.WellKnownTypes;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;
using Pb = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Devices;

/// <summary>Cabinet entities to wire messages.</summary>
internal static class CabinetMapping
{
    public static Pb.Cabinet ToWire(Cabinet cabinet)
    {
        var wire = new Pb.Cabinet
        {
            DeviceId = cabinet.DeviceId,
            VillageId = cabinet.VillageId,
            Name = cabinet.Name,
            Location = cabinet.Location,
            Status = cabinet.Status switch
            {
                CabinetStatus.Registered => Pb.CabinetStatus.Registered,
                CabinetStatus.Active => Pb.CabinetStatus.Active,
                _ => Pb.CabinetStatus.Decommissioned,
            },
            Online = cabinet.Online,
            LastSeq = (ulong)cabinet.LastSeq,
            ChainEpoch = (uint)cabinet.ChainEpoch,
            RegisteredTime = Timestamp.FromDateTimeOffset(cabinet.RegisteredAt),
        };
        if (cabinet.LastEventAt is { } last)
        {
            wire.LastEventTime = Timestamp.FromDateTimeOffset(last);
        }

        wire.Sleeves.AddRange(cabinet.Sleeves.OrderBy(s => s.Number).Select(s => new Pb.Sleeve
        {
            Number = (uint)s.Number,
            SealKind = WireSealKind.ToWire(s.SealKind),
            State = s.State switch
            {
                SleeveState.Locked => Pb.SleeveState.Locked,
                SleeveState.Unlocked => Pb.SleeveState.Unlocked,
                SleeveState.SealOut => Pb.SleeveState.SealOut,
                SleeveState.Alarm => Pb.SleeveState.Alarm,
                _ => Pb.SleeveState.Unspecified,
            },
        }));
        return wire;
    }
}
