using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace SealCabinet.Contracts.Tests;

/// <summary>Fills every field of a message (recursively, lists with two items) with non-default values.</summary>
internal static class MessagePopulator
{
    private const int MaxDepth = 4;

    public static IMessage Populate(MessageDescriptor descriptor, int seed, int depth = 0)
    {
        var message = descriptor.Parser.ParseFrom(ByteString.Empty);
        if (descriptor.FullName == Timestamp.Descriptor.FullName)
        {
            return new Timestamp { Seconds = 1_700_000_000 + seed, Nanos = 1000 * seed };
        }

        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType == FieldType.Message && depth >= MaxDepth)
            {
                continue;
            }

            if (field.IsRepeated)
            {
                var list = (System.Collections.IList)field.Accessor.GetValue(message);
                list.Add(Value(field, seed, depth));
                list.Add(Value(field, seed + 1, depth));
            }
            else
            {
                field.Accessor.SetValue(message, Value(field, seed + field.FieldNumber, depth));
            }
        }

        return message;
    }

    private static object Value(FieldDescriptor field, int seed, int depth) => field.FieldType switch
    {
        FieldType.Bool => true,
        FieldType.String => $"{field.Name}-{seed}-义桥村",
        FieldType.Bytes => ByteString.CopyFrom([(byte)seed, 0x00, 0xFF, (byte)(seed >> 8)]),
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => -seed - 1,
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => -(long)seed * 1_000_000_007L - 1,
        FieldType.UInt32 or FieldType.Fixed32 => (uint)seed + 1,
        FieldType.UInt64 or FieldType.Fixed64 => (ulong)seed * 1_000_000_007UL + ulong.MaxValue / 2,
        FieldType.Double => seed + 0.5,
        FieldType.Float => seed + 0.25f,
        FieldType.Enum => field.EnumType.Values[1 + (seed % (field.EnumType.Values.Count - 1))].Number,
        FieldType.Message => Populate(field.MessageType, seed, depth + 1),
        _ => throw new NotSupportedException($"Field {field.FullName} has type {field.FieldType}"),
    };
}
