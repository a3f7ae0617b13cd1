namespace SealCabinet.Cloud.Service.Common;

/// <summary>One page of items plus what the caller needs to ask for the next.</summary>
internal sealed record PagedResult<T>(IReadOnlyList<T> Items, long TotalCount, string NextPageToken);
