namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>The bytes of a material, kept apart so that listing requests never loads scans.</summary>
internal sealed class MaterialContent
{
    public Guid MaterialId { get; set; }

    public required byte[] Content { get; set; }
}
