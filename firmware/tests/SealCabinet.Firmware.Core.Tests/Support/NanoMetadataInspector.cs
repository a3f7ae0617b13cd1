using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace SealCabinet.Firmware.Core.Tests.Support;

/// <summary>
/// Reads an assembly's metadata and lists everything the stable nanoFramework runtime cannot load:
/// generic instantiations (TypeSpec/MethodSpec, generic types in signatures), generic parameters,
/// and references to any assembly other than mscorlib. Each finding names the member it is in.
/// </summary>
internal static class NanoMetadataInspector
{
    public static List<string> FindViolations(string assemblyPath)
    {
        using FileStream stream = File.OpenRead(assemblyPath);
        using PEReader pe = new(stream);
        MetadataReader md = pe.GetMetadataReader();
        SignatureNamer namer = new(md);
        List<string> found = [];

        foreach (AssemblyReferenceHandle handle in md.AssemblyReferences)
        {
            string name = md.GetString(md.GetAssemblyReference(handle).Name);
            if (name != "mscorlib")
            {
                found.Add($"assembly reference {name}");
            }
        }

        foreach (TypeDefinitionHandle typeHandle in md.TypeDefinitions)
        {
            TypeDefinition type = md.GetTypeDefinition(typeHandle);
            string typeName = namer.GetTypeFromDefinition(md, typeHandle, 0);
            if (type.GetGenericParameters().Count > 0)
            {
                found.Add($"generic type {typeName}");
            }

            if (!type.BaseType.IsNil && type.BaseType.Kind == HandleKind.TypeSpecification && GenericOrNull(md, namer, type.BaseType) != null)
            {
                found.Add($"{typeName} derives from {Describe(md, namer, type.BaseType)}");
            }

            foreach (InterfaceImplementationHandle i in type.GetInterfaceImplementations())
            {
                EntityHandle iface = md.GetInterfaceImplementation(i).Interface;
                if (iface.Kind == HandleKind.TypeSpecification && GenericOrNull(md, namer, iface) != null)
                {
                    found.Add($"{typeName} implements {Describe(md, namer, iface)}");
                }
            }

            foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
            {
                FieldDefinition field = md.GetFieldDefinition(fieldHandle);
                namer.SawGeneric = false;
                string fieldType = field.DecodeSignature(namer, null);
                if (namer.SawGeneric)
                {
                    found.Add($"field {typeName}.{md.GetString(field.Name)} has type {fieldType}");
                }
            }

            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                MethodDefinition method = md.GetMethodDefinition(methodHandle);
                string member = $"{typeName}.{md.GetString(method.Name)}";
                if (method.GetGenericParameters().Count > 0)
                {
                    found.Add($"generic method {member}");
                }

                namer.SawGeneric = false;
                MethodSignature<string> signature = method.DecodeSignature(namer, null);
                if (namer.SawGeneric)
                {
                    found.Add($"method {member} has signature ({string.Join(", ", signature.ParameterTypes)}) -> {signature.ReturnType}");
                }

                if (method.RelativeVirtualAddress != 0)
                {
                    ScanBody(md, namer, pe.GetMethodBody(method.RelativeVirtualAddress), member, found);
                }
            }
        }

        return found.Distinct().ToList();
    }

    private static void ScanBody(MetadataReader md, SignatureNamer namer, MethodBodyBlock body, string member, List<string> found)
    {
        if (!body.LocalSignature.IsNil)
        {
            namer.SawGeneric = false;
            ImmutableArray<string> locals = md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(namer, null);
            if (namer.SawGeneric)
            {
                found.Add($"{member} has locals {string.Join(", ", locals.Where(l => l.Contains('<')))}");
            }
        }

        BlobReader il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            IlOpcodes.ReadOpcode(ref il, out OperandType operand);
            if (!IlOpcodes.IsToken(operand))
            {
                IlOpcodes.SkipOperand(ref il, operand);
                continue;
            }

            EntityHandle token = MetadataTokens.EntityHandle(il.ReadInt32());
            string? what = GenericUse(md, namer, token);
            if (what != null)
            {
                found.Add($"{member} uses {what}");
            }
        }
    }

    private static string? GenericUse(MetadataReader md, SignatureNamer namer, EntityHandle token)
    {
        switch (token.Kind)
        {
            case HandleKind.TypeSpecification:
                // Array types are TypeSpecs too and are fine; only generic ones are not.
                return GenericOrNull(md, namer, token);
            case HandleKind.MethodSpecification:
                MethodSpecification spec = md.GetMethodSpecification((MethodSpecificationHandle)token);
                return $"generic method instantiation {Describe(md, namer, spec.Method)}<{string.Join(", ", spec.DecodeSignature(namer, null))}>";
            case HandleKind.MemberReference:
                MemberReference reference = md.GetMemberReference((MemberReferenceHandle)token);
                if (reference.Parent.Kind == HandleKind.TypeSpecification)
                {
                    string? parent = GenericOrNull(md, namer, reference.Parent);
                    return parent == null ? null : $"{parent}::{md.GetString(reference.Name)}";
                }

                return null;
            default:
                return null;
        }
    }

    private static string? GenericOrNull(MetadataReader md, SignatureNamer namer, EntityHandle typeSpec)
    {
        namer.SawGeneric = false;
        string text = Describe(md, namer, typeSpec);
        return namer.SawGeneric ? text : null;
    }

    private static string Describe(MetadataReader md, SignatureNamer namer, EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeSpecification => md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(namer, null),
        HandleKind.MemberReference => md.GetString(md.GetMemberReference((MemberReferenceHandle)handle).Name),
        HandleKind.MethodDefinition => md.GetString(md.GetMethodDefinition((MethodDefinitionHandle)handle).Name),
        _ => handle.Kind.ToString(),
    };

    /// <summary>Renders signature types as text and notes whether a generic type or parameter appeared.</summary>
    private sealed class SignatureNamer(MetadataReader md) : ISignatureTypeProvider<string, object?>
    {
        public bool SawGeneric { get; set; }

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[,]";

        public string GetByReferenceType(string elementType) => elementType + "&";

        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
        {
            SawGeneric = true;
            return genericType + "<" + string.Join(", ", typeArguments) + ">";
        }

        public string GetGenericMethodParameter(object? genericContext, int index)
        {
            SawGeneric = true;
            return "!!" + index;
        }

        public string GetGenericTypeParameter(object? genericContext, int index)
        {
            SawGeneric = true;
            return "!" + index;
        }

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetPinnedType(string elementType) => elementType;

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            TypeDefinition type = md.GetTypeDefinition(handle);
            string name = md.GetString(type.Name);
            return type.GetDeclaringType().IsNil
                ? md.GetString(type.Namespace) + "." + name
                : GetTypeFromDefinition(reader, type.GetDeclaringType(), rawTypeKind) + "+" + name;
        }

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            TypeReference type = md.GetTypeReference(handle);
            return md.GetString(type.Namespace) + "." + md.GetString(type.Name);
        }

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            md.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
