namespace SealCabinet.Firmware.MessageGen;

/// <summary>A proto3 enum.</summary>
/// <param name="Name">The enum name.</param>
/// <param name="Doc">The comment above it.</param>
/// <param name="Values">Its values, as declared.</param>
internal sealed record ProtoEnum(string Name, string Doc, IReadOnlyList<ProtoEnumValue> Values);
