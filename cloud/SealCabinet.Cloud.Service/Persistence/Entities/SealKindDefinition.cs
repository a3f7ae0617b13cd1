namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>
/// A kind of official seal. A reference table rather than a database enum so that a new kind is a row,
/// not a schema change; <see cref="WireNumber"/> ties it to the wire enum value.
/// </summary>
internal sealed class SealKindDefinition
{
    public required string Code { get; set; }

    public required string Name { get; set; }

    public int WireNumber { get; set; }
}
