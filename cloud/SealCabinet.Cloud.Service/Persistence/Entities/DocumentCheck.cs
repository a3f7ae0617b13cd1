namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>A document photo compared with the approved scan (once per photo): the perceptual distance, null when not an image.</summary>
internal sealed class DocumentCheck
{
    public required string DeviceId { get; set; }

    public required string EvidenceId { get; set; }

    public Guid RequestId { get; set; }

    public int? Distance { get; set; }

    public DateTimeOffset CheckedAt { get; set; }
}
