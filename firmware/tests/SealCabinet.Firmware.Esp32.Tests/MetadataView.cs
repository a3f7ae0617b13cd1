using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace SealCabinet.Firmware.Esp32.Tests;

/// <summary>A read-only view of one assembly's metadata with names and decoded signatures.</summary>
internal sealed class MetadataView : IDisposable
{
    private readonly PEReader _pe;

    public MetadataView(string path)
    {
        _pe = new PEReader(File.OpenRead(path));
        Reader = _pe.GetMetadataReader();
    }

    public MetadataReader Reader { get; }

    /// <summary>The IL body of a method (from its relative virtual address).</summary>
    public MethodBodyBlock MethodBody(int relativeVirtualAddress) => _pe.GetMethodBody(relativeVirtualAddress);

    public string[] AssemblyReferenceNames() =>
        [.. Reader.AssemblyReferences.Select(h => Reader.GetString(Reader.GetAssemblyReference(h).Name)).Order()];

    public string TypeName(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition => DefinitionName((TypeDefinitionHandle)handle),
        HandleKind.TypeReference => ReferenceName((TypeReferenceHandle)handle),
        _ => "<" + handle.Kind + ">",
    };

    public string DefinitionName(TypeDefinitionHandle handle)
    {
        TypeDefinition type = Reader.GetTypeDefinition(handle);
        string name = Reader.GetString(type.Name);
        TypeDefinitionHandle outer = type.GetDeclaringType();
        if (!outer.IsNil)
        {
            return DefinitionName(outer) + "/" + name;
        }

        string ns = Reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public string ReferenceName(TypeReferenceHandle handle)
    {
        TypeReference type = Reader.GetTypeReference(handle);
        string name = Reader.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return ReferenceName((TypeReferenceHandle)type.ResolutionScope) + "/" + name;
        }

        string ns = Reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>The assembly a type reference resolves into (following nesting).</summary>
    public string ReferenceAssembly(TypeReferenceHandle handle)
    {
        TypeReference type = Reader.GetTypeReference(handle);
        return type.ResolutionScope.Kind switch
        {
            HandleKind.TypeReference => ReferenceAssembly((TypeReferenceHandle)type.ResolutionScope),
            HandleKind.AssemblyReference => Reader.GetString(Reader.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name),
            _ => "<" + type.ResolutionScope.Kind + ">",
        };
    }

    public string MethodSignature(BlobHandle signature)
    {
        BlobReader blob = Reader.GetBlobReader(signature);
        MethodSignature<string> decoded = new SignatureDecoder<string, object?>(new NameProvider(this), Reader, null).DecodeMethodSignature(ref blob);
        return decoded.ReturnType + "(" + string.Join(",", decoded.ParameterTypes) + ")";
    }

    public void Dispose() => _pe.Dispose();

    private sealed class NameProvider(MetadataView view) : ISignatureTypeProvider<string, object?>
    {
        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

        public string GetByReferenceType(string elementType) => elementType + "&";

        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType + "<" + string.Join(",", typeArguments) + ">";

        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetPinnedType(string elementType) => elementType;

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => view.DefinitionName(handle);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => view.ReferenceName(handle);

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
