using Grpc.Core;
using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Edge;
using SealCabinet.Cloud.Service.Persistence;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>The Audit service's statistics and anomaly calls.</summary>
internal sealed partial class AuditGrpcService(
    LedgerService ledger, StatisticsService statistics, AnomalyService anomalies, BuildingRecordImport buildings, CallerAccessor callers)
{
    private static readonly HashSet<PersonRole> Supervisors = [PersonRole.Supervisor];

    public override async Task<Wire.GetStatisticsResponse> GetStatistics(Wire.GetStatisticsRequest request, ServerCallContext context)
    {
        var from = WireTime.Optional(request.From, "from") ?? throw CloudException.Invalid("from", "is required");
        var to = WireTime.Optional(request.To, "to") ?? throw CloudException.Invalid("to", "is required");
        var s = await statistics.ComputeAsync(request.VillageId, request.TownId, from, to, context.CancellationToken);
        var response = new Wire.GetStatisticsResponse
        {
            SubmitToApprove = AuditMapping.ToWire(s.SubmitToApprove),
            ApproveToStamp = AuditMapping.ToWire(s.ApproveToStamp),
        };
        response.BySealKind.AddRange(s.BySealKind.Select(AuditMapping.ToWire));
        response.ByMatter.AddRange(s.ByMatter.Select(AuditMapping.ToWire));
        response.ByCustodian.AddRange(s.ByCustodian.Select(AuditMapping.ToWire));
        response.ByOutcome.AddRange(s.ByOutcome.Select(o => new Wire.OutcomeCount { State = o.State, Count = o.Count }));
        response.Uptime.AddRange(s.Uptime.Select(u => new Wire.CabinetUptime { DeviceId = u.DeviceId, UptimeRatio = u.Ratio }));
        return response;
    }

    public override async Task<Wire.ListAnomaliesResponse> ListAnomalies(Wire.ListAnomaliesRequest request, ServerCallContext context)
    {
        var paging = Paging.Parse(request.Page?.PageSize ?? 0, request.Page?.PageToken);
        var filter = new AnomalyFilter(
            request.VillageId, request.TownId, [.. request.Statuses.Select((s, i) => AuditMapping.FromWire(s, $"statuses[{i}]"))], request.Rule);
        var page = await anomalies.ListAsync(callers.Caller.VisibleScope(Supervisors), filter, paging, context.CancellationToken);
        var response = new Wire.ListAnomaliesResponse { Page = new Wire.PageResponse { NextPageToken = page.NextPageToken, TotalCount = page.TotalCount } };
        response.Anomalies.AddRange(page.Items.Select(AuditMapping.ToWire));
        return response;
    }

    public override async Task<Wire.UpdateAnomalyResponse> UpdateAnomaly(Wire.UpdateAnomalyRequest request, ServerCallContext context)
    {
        var status = AuditMapping.FromWire(request.Status, "status");
        var anomaly = await anomalies.UpdateAsync(callers.Caller, request.AnomalyId, status, request.Note, context.CancellationToken);
        return new() { Anomaly = AuditMapping.ToWire(anomaly) };
    }

    public override async Task<Wire.ImportBuildingRecordsResponse> ImportBuildingRecords(Wire.ImportBuildingRecordsRequest request, ServerCallContext context)
    {
        var (imported, raised) = await buildings.ImportAsync(request.VillageId, request.Csv, context.CancellationToken);
        return new() { Imported = imported, AnomaliesRaised = raised };
    }
}
