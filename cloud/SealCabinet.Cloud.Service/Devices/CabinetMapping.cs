using Google.Protobuf.WellKnownTypes;
using SealCabinet.Cloud.Service.Edge;
using SealCabinet.Cloud.Service.Persistence;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Devices;

/// <summary>Cabinet entities to wire messages.</summary>
internal static class CabinetMapping
{
    /// <summary>The wire cabinet; online = MQTT presence, or an event received after <paramref name="eventsOnlineSince"/>.</summary>
    public static Wire.Cabinet ToWire(Cabinet cabinet, DateTimeOffset eventsOnlineSince)
    {
        var wire = new Wire.Cabinet
        {
            DeviceId = cabinet.DeviceId,
            VillageId = cabinet.VillageId,
            Name = cabinet.Name,
            Location = cabinet.Location,
            Status = cabinet.Status switch
            {
                CabinetStatus.Registered => Wire.CabinetStatus.Registered,
                CabinetStatus.Active => Wire.CabinetStatus.Active,
                _ => Wire.CabinetStatus.Decommissioned,
            },
            Online = cabinet.Status != CabinetStatus.Decommissioned && (cabinet.Online || cabinet.LastEventAt > eventsOnlineSince),
            OpenAlarms = cabinet.OpenAlarms,
            RosterVersion = (ulong)cabinet.RosterVersion,
            LastSeq = (ulong)cabinet.LastSeq,
            ChainEpoch = (uint)cabinet.ChainEpoch,
            RegisteredTime = Timestamp.FromDateTimeOffset(cabinet.RegisteredAt),
        };
        if (cabinet.LastEventAt is { } last)
        {
            wire.LastEventTime = Timestamp.FromDateTimeOffset(last);
        }

        wire.Sleeves.AddRange(cabinet.Sleeves.OrderBy(s => s.Number).Select(s => new Wire.Sleeve
        {
            Number = (uint)s.Number,
            SealKind = WireSealKind.ToWire(s.SealKind),
            State = s.State switch
            {
                SleeveState.Locked => Wire.SleeveState.Locked,
                SleeveState.Unlocked => Wire.SleeveState.Unlocked,
                SleeveState.SealOut => Wire.SleeveState.SealOut,
                SleeveState.Alarm => Wire.SleeveState.Alarm,
                _ => Wire.SleeveState.Unspecified,
            },
        }));
        return wire;
    }

    /// <summary>Adds the commissioning fields, which only GetCabinet reports.</summary>
    public static void AddCommissioning(Wire.Cabinet wire, CommissioningReport report)
    {
        if (report is { LastSelfTest: { } selfTest, LastSelfTestTime: { } selfTestTime })
        {
            wire.LastSelfTest = selfTest;
            wire.LastSelfTestTime = Timestamp.FromDateTimeOffset(selfTestTime);
        }

        wire.AuthFailures = report.AuthFailures;
        wire.LastRejection = report.LastRejection;
        wire.NoTrustedTimeRefusals = report.NoTrustedTimeRefusals;
    }
}
