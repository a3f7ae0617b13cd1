using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using SealCabinet.Firmware.Core.Tests.Support;

namespace SealCabinet.Firmware.Esp32.Tests;

/// <summary>
/// Finds IL that turns an enum value into text. nanoFramework's Enum.ToString returns the number, not the name, so
/// every such spot prints "3" where the reader expects "Unlocking". The C# compiler emits one of two shapes: a
/// <c>box</c> of the enum (string concatenation, interpolation into String.Concat/Format, a call of Object.ToString
/// on the boxed value) or a <c>constrained.</c> call on the enum type (<c>value.ToString()</c>). Boxing an enum has
/// no other use in firmware code, so both are reported, naming the method and the enum.
/// </summary>
internal static class EnumTextScanner
{
    private const short Box = 0x8C;
    private const short Constrained = unchecked((short)0xFE16);

    /// <summary>Lists "Type.Method boxes Enum" / "Type.Method calls a method on Enum" for every finding.</summary>
    /// <param name="assemblyPath">The assembly to scan.</param>
    /// <param name="referencedEnums">Full names of enums defined in referenced assemblies (e.g. the stand-in's).</param>
    public static List<string> Find(string assemblyPath, IReadOnlySet<string> referencedEnums)
    {
        using MetadataView view = new(assemblyPath);
        MetadataReader md = view.Reader;
        List<string> found = [];
        foreach (TypeDefinitionHandle typeHandle in md.TypeDefinitions)
        {
            TypeDefinition type = md.GetTypeDefinition(typeHandle);
            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                MethodDefinition method = md.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0)
                {
                    continue;
                }

                string member = view.DefinitionName(typeHandle) + "." + md.GetString(method.Name);
                BlobReader il = view.MethodBody(method.RelativeVirtualAddress).GetILReader();
                while (il.RemainingBytes > 0)
                {
                    short code = IlOpcodes.ReadOpcode(ref il, out OperandType operand);
                    if (code is Box or Constrained)
                    {
                        EntityHandle token = MetadataTokens.EntityHandle(il.ReadInt32());
                        if (IsEnum(view, token, referencedEnums))
                        {
                            found.Add(member + (code == Box ? " boxes " : " calls a method on ") + view.TypeName(token));
                        }

                        continue;
                    }

                    IlOpcodes.SkipOperand(ref il, operand);
                }
            }
        }

        return [.. found.Distinct()];
    }

    /// <summary>Full names of the enums an assembly defines.</summary>
    public static HashSet<string> EnumsDefinedIn(string assemblyPath)
    {
        using MetadataView view = new(assemblyPath);
        return [.. view.Reader.TypeDefinitions.Where(h => IsEnumDefinition(view, h)).Select(view.DefinitionName)];
    }

    private static bool IsEnum(MetadataView view, EntityHandle token, IReadOnlySet<string> referencedEnums) => token.Kind switch
    {
        HandleKind.TypeDefinition => IsEnumDefinition(view, (TypeDefinitionHandle)token),
        HandleKind.TypeReference => referencedEnums.Contains(view.ReferenceName((TypeReferenceHandle)token)),
        _ => false,
    };

    private static bool IsEnumDefinition(MetadataView view, TypeDefinitionHandle handle)
    {
        EntityHandle baseType = view.Reader.GetTypeDefinition(handle).BaseType;
        return !baseType.IsNil && view.TypeName(baseType) == "System.Enum";
    }
}
