using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace SealCabinet.Firmware.Core.Tests.Support;

/// <summary>
/// Steps through a method body's IL one instruction at a time, for the metadata scans of the firmware builds (the
/// ESP32 tests compile this file too): read the opcode, then either read its token or skip its operand.
/// </summary>
internal static class IlOpcodes
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    /// <summary>Reads the next opcode (one byte, or two after the 0xFE prefix) and tells its operand type.</summary>
    public static short ReadOpcode(ref BlobReader il, out OperandType operand)
    {
        short code = il.ReadByte();
        if (code == 0xFE)
        {
            code = (short)(0xFE00 | il.ReadByte());
        }

        operand = Operands[code];
        return code;
    }

    /// <summary>Whether the operand is a metadata token (type, method, field, signature).</summary>
    public static bool IsToken(OperandType operand) =>
        operand is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType or OperandType.InlineSig;

    /// <summary>Moves past an operand that is not read.</summary>
    public static void SkipOperand(ref BlobReader il, OperandType operand)
    {
        switch (operand)
        {
            case OperandType.InlineNone:
                break;
            case OperandType.ShortInlineBrTarget:
            case OperandType.ShortInlineI:
            case OperandType.ShortInlineVar:
                il.ReadByte();
                break;
            case OperandType.InlineVar:
                il.ReadInt16();
                break;
            case OperandType.InlineI8:
            case OperandType.InlineR:
                il.ReadInt64();
                break;
            case OperandType.InlineSwitch:
                int count = il.ReadInt32();
                il.Offset += count * 4;
                break;
            default:
                il.ReadInt32();
                break;
        }
    }
}
