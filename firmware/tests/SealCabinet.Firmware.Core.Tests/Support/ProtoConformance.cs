using System.Collections;
using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.Firmware.Core.Tests.Support;

/// <summary>
/// Bridges Google.Protobuf's generated classes and the core's hand-written messages by field descriptor:
/// the core's property for a field has the same name Google.Protobuf gives it, so any message can be
/// generated randomly on the Google side, converted, and compared field by field.
/// </summary>
internal static class ProtoConformance
{
    private static readonly Assembly CoreAssembly = typeof(DeviceEvent).Assembly;

    /// <summary>Every device message the firmware codec implements, as Google descriptors.</summary>
    public static readonly MessageDescriptor[] DeviceMessages =
    [
        Contracts.V1.DeviceEvent.Descriptor,
        Contracts.V1.SignedEvent.Descriptor,
        Contracts.V1.EventBatch.Descriptor,
        Contracts.V1.ServerTime.Descriptor,
        Contracts.V1.SignedServerTime.Descriptor,
        Contracts.V1.PushAck.Descriptor,
        Contracts.V1.UnlockGrant.Descriptor,
        Contracts.V1.SignedGrant.Descriptor,
        Contracts.V1.EvidenceChunk.Descriptor,
        Contracts.V1.SignedEvidenceChunk.Descriptor,
        Contracts.V1.EvidenceReceipt.Descriptor,
        Contracts.V1.GrantQuery.Descriptor,
        Contracts.V1.RosterEntry.Descriptor,
        Contracts.V1.CustodianRoster.Descriptor,
        Contracts.V1.SignedRoster.Descriptor,
        Contracts.V1.GrantWithdrawal.Descriptor,
        Contracts.V1.SignedWithdrawal.Descriptor,
        Contracts.V1.PushEventsRequest.Descriptor,
        Contracts.V1.PushEventsResponse.Descriptor,
        Contracts.V1.PutEvidenceChunkRequest.Descriptor,
        Contracts.V1.PutEvidenceChunkResponse.Descriptor,
        Contracts.V1.FetchGrantsRequest.Descriptor,
        Contracts.V1.FetchGrantsResponse.Descriptor,
    ];

    private static readonly ulong[] EdgeUInt64 = [0, 1, 127, 128, 16383, 16384, 0xFFFFFFFF, 0x100000000, long.MaxValue, ulong.MaxValue];
    private static readonly long[] EdgeInt64 = [0, 1, -1, 127, 128, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue];
    private static readonly uint[] EdgeUInt32 = [0, 1, 127, 128, 16384, int.MaxValue, uint.MaxValue];
    private static readonly int[] EdgeEnum = [0, 1, 2, 3, 22, 127, 128, -1, int.MaxValue, int.MinValue];

    public static Type CoreTypeOf(MessageDescriptor descriptor) =>
        CoreAssembly.GetType("SealCabinet.Firmware.Core.Messages." + descriptor.Name, throwOnError: true)!;

    public static IMessage NewGoogle(MessageDescriptor descriptor) => (IMessage)Activator.CreateInstance(descriptor.ClrType)!;

    public static IMessage ParseGoogle(MessageDescriptor descriptor, byte[] bytes) => descriptor.Parser.ParseFrom(bytes);

    /// <summary>Google.Protobuf's parse, dropping unknown fields (the core skips them).</summary>
    public static IMessage ParseGoogleDiscardingUnknown(MessageDescriptor descriptor, byte[] bytes) =>
        descriptor.Parser.WithDiscardUnknownFields(true).ParseFrom(bytes);

    public static IProtoMessage ParseCore(MessageDescriptor descriptor, byte[] bytes)
    {
        MethodInfo parse = CoreTypeOf(descriptor).GetMethod("Parse", [typeof(byte[])])!;
        try
        {
            return (IProtoMessage)parse.Invoke(null, [bytes])!;
        }
        catch (TargetInvocationException e) when (e.InnerException != null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    public static byte[] EncodeCore(IProtoMessage message) => ProtoWriter.Encode(message);

    /// <summary>A random message; with <paramref name="edges"/> every set value is an edge value.</summary>
    public static IMessage RandomGoogle(MessageDescriptor descriptor, Random random, bool edges = false, int depth = 0)
    {
        IMessage message = NewGoogle(descriptor);
        foreach (FieldDescriptor field in descriptor.Fields.InFieldNumberOrder())
        {
            if (!edges && random.Next(4) == 0)
            {
                continue;
            }

            if (field.IsRepeated)
            {
                IList list = (IList)field.Accessor.GetValue(message);
                int count = random.Next(0, depth > 2 ? 1 : 4);
                for (int i = 0; i < count; i++)
                {
                    list.Add(RandomValue(field, random, edges, depth));
                }
            }
            else
            {
                field.Accessor.SetValue(message, RandomValue(field, random, edges, depth));
            }
        }

        return message;
    }

    /// <summary>Builds the core's message with the same field values.</summary>
    public static IProtoMessage ToCore(IMessage google)
    {
        Type type = CoreTypeOf(google.Descriptor);
        IProtoMessage core = (IProtoMessage)Activator.CreateInstance(type)!;
        foreach (FieldDescriptor field in google.Descriptor.Fields.InFieldNumberOrder())
        {
            PropertyInfo property = type.GetProperty(field.PropertyName) ?? throw new InvalidOperationException($"{type.Name} has no property {field.PropertyName}");
            object value = field.Accessor.GetValue(google);
            if (field.IsRepeated)
            {
                IList source = (IList)value;
                Type elementType = property.PropertyType.GetElementType()!;
                Array array = Array.CreateInstance(elementType, source.Count);
                for (int i = 0; i < source.Count; i++)
                {
                    array.SetValue(ToCore((IMessage)source[i]!), i);
                }

                property.SetValue(core, array);
            }
            else
            {
                property.SetValue(core, ToCoreValue(field, value, property.PropertyType));
            }
        }

        return core;
    }

    /// <summary>Asserts that every field of <paramref name="core"/> equals the Google message's field.</summary>
    public static void AssertEquivalent(IMessage google, object core, string path)
    {
        Type type = core.GetType();
        foreach (FieldDescriptor field in google.Descriptor.Fields.InFieldNumberOrder())
        {
            string where = path + "." + field.Name;
            object? expected = field.Accessor.GetValue(google);
            object? actual = type.GetProperty(field.PropertyName)!.GetValue(core);
            if (field.IsRepeated)
            {
                IList list = (IList)expected!;
                Array array = (Array)actual!;
                NUnit.Framework.Assert.That(array, NUnit.Framework.Has.Length.EqualTo(list.Count), where);
                for (int i = 0; i < list.Count; i++)
                {
                    AssertEquivalent((IMessage)list[i]!, array.GetValue(i)!, where + "[" + i + "]");
                }
            }
            else if (field.FieldType == FieldType.Message)
            {
                if (expected == null)
                {
                    NUnit.Framework.Assert.That(actual, NUnit.Framework.Is.Null, where);
                }
                else
                {
                    NUnit.Framework.Assert.That(actual, NUnit.Framework.Is.Not.Null, where);
                    AssertEquivalent((IMessage)expected, actual!, where);
                }
            }
            else
            {
                NUnit.Framework.Assert.That(actual, NUnit.Framework.Is.EqualTo(ToCoreValue(field, expected!, actual!.GetType())), where);
            }
        }
    }

    private static object? ToCoreValue(FieldDescriptor field, object value, Type target) => field.FieldType switch
    {
        FieldType.Bytes => ((ByteString)value).ToByteArray(),
        FieldType.Enum => Enum.ToObject(target, Convert.ToInt32(value)),
        FieldType.Message => value == null ? null : ToCore((IMessage)value),
        _ => value,
    };

    private static object RandomValue(FieldDescriptor field, Random random, bool edges, int depth)
    {
        bool edge = edges || random.Next(3) == 0;
        switch (field.FieldType)
        {
            case FieldType.UInt64:
                return edge ? EdgeUInt64[random.Next(EdgeUInt64.Length)] : (ulong)random.NextInt64() >> random.Next(64);
            case FieldType.Int64:
                return edge ? EdgeInt64[random.Next(EdgeInt64.Length)] : random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64);
            case FieldType.UInt32:
                return edge ? EdgeUInt32[random.Next(EdgeUInt32.Length)] : (uint)random.Next() >> random.Next(32);
            case FieldType.Bool:
                return edge || random.Next(2) == 0;
            case FieldType.String:
                return RandomString(random, edge);
            case FieldType.Bytes:
                byte[] bytes = new byte[edge ? random.Next(2) * 300 : random.Next(0, 40)];
                random.NextBytes(bytes);
                return ByteString.CopyFrom(bytes);
            case FieldType.Enum:
                int raw = edge ? EdgeEnum[random.Next(EdgeEnum.Length)] : random.Next(0, 25);
                return Enum.ToObject(field.EnumType.ClrType, raw);
            case FieldType.Message:
                return RandomGoogle(field.MessageType, random, edges && depth < 2, depth + 1);
            default:
                throw new NotSupportedException(field.FieldType.ToString());
        }
    }

    /// <summary>ASCII, Chinese, emoji (surrogate pairs), lone surrogates and long strings.</summary>
    public static string RandomString(Random random, bool edge)
    {
        string[] pieces = ["a", "Z", "0", "-", "村", "委", "会", "印", "章", "é", "ß", "\u007f", "\u0080", "\u07ff", "\u0800", "\uffff", "😀", "𝄞", "\ud800", "\udfff", " ", "\0"];
        int length = edge ? random.Next(2) * 250 : random.Next(0, 12);
        System.Text.StringBuilder text = new();
        for (int i = 0; i < length; i++)
        {
            text.Append(pieces[random.Next(pieces.Length)]);
        }

        return text.ToString();
    }
}
