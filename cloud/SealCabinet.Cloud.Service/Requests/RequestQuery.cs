using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Requests;

/// <summary>Filters of a request listing.</summary>
internal sealed record RequestQuery(
    string? VillageId,
    string? TownId,
    IReadOnlyList<RequestState> States,
    string? SealKind,
    DateTimeOffset? SubmittedAfter,
    DateTimeOffset? SubmittedBefore,
    string? CustodianId);
