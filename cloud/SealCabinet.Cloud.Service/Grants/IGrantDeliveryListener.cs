using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Grants;

/// <summary>
/// Told when grants first reach their cabinet by the poll, inside the transaction that marks them delivered.
/// The request workflow listens, so the workflow calls the issuer and delivery reports back without Grants
/// knowing about requests.
/// </summary>
internal interface IGrantDeliveryListener
{
    /// <summary>Runs with the grants' new state tracked but not saved; the listener saves its own changes with them.</summary>
    Task DeliveredAsync(CloudDbContext db, IReadOnlyList<Grant> grants, string deviceId, DateTimeOffset now, CancellationToken ct);
}
