namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>A scanned material's metadata; its bytes live in <see cref="MaterialContent"/>.</summary>
internal sealed class RequestMaterial
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    public int Ordinal { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Sha256 { get; set; }

    public long Size { get; set; }
}
