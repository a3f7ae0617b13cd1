namespace SealCabinet.Firmware.MessageGen;

/// <summary>A proto3 message; <see cref="Unsupported"/> names the first construct the generator cannot express.</summary>
/// <param name="Name">The message name.</param>
/// <param name="Doc">The comment above it.</param>
/// <param name="Fields">Its fields, as declared.</param>
/// <param name="Unsupported">Empty, or what makes it impossible to generate.</param>
internal sealed record ProtoMessage(string Name, string Doc, IReadOnlyList<ProtoField> Fields, string Unsupported);
