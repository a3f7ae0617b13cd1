using System.Reflection;
using System.Reflection.Metadata;
using System.Text.RegularExpressions;

namespace SealCabinet.Firmware.Esp32.Tests;

/// <summary>
/// The stand-in declares exactly what the board layer uses: every type is referenced by the Firmware-Check
/// build, every public method/accessor has a matching member reference (same name and signature), every enum
/// member appears in the board sources, and every file says it is never deployed.
/// </summary>
[TestFixture]
public sealed class StandInCoverageTests
{
    private const string StandInName = "SealCabinet.Firmware.Esp32.StandIn";

    [Test]
    public void Every_stand_in_type_is_referenced_by_the_board_layer()
    {
        using MetadataView standIn = new(RepositoryFiles.StandInAssemblyPath);
        using MetadataView check = new(RepositoryFiles.CheckAssemblyPath);
        HashSet<string> referenced = [.. check.Reader.TypeReferences
            .Where(h => check.ReferenceAssembly(h) == StandInName)
            .Select(check.ReferenceName)];

        string[] unused = [.. PublicTypes(standIn).Select(standIn.DefinitionName).Where(name => !referenced.Contains(name))];

        Assert.That(unused, Is.Empty, "stand-in types the board layer never uses");
    }

    [Test]
    public void Every_stand_in_method_and_accessor_is_called_by_the_board_layer()
    {
        using MetadataView standIn = new(RepositoryFiles.StandInAssemblyPath);
        using MetadataView check = new(RepositoryFiles.CheckAssemblyPath);
        HashSet<string> used = [];
        foreach (MemberReferenceHandle handle in check.Reader.MemberReferences)
        {
            MemberReference member = check.Reader.GetMemberReference(handle);
            if (member.Parent.Kind == HandleKind.TypeReference
                && check.ReferenceAssembly((TypeReferenceHandle)member.Parent) == StandInName
                && member.GetKind() == MemberReferenceKind.Method)
            {
                used.Add(check.ReferenceName((TypeReferenceHandle)member.Parent) + "::" + check.Reader.GetString(member.Name) + check.MethodSignature(member.Signature));
            }
        }

        List<string> unused = [];
        foreach (TypeDefinitionHandle typeHandle in PublicTypes(standIn))
        {
            TypeDefinition type = standIn.Reader.GetTypeDefinition(typeHandle);
            if (IsDelegate(standIn, type))
            {
                continue;
            }

            HashSet<MethodDefinitionHandle> eventRemovers = [.. type.GetEvents().Select(e => standIn.Reader.GetEventDefinition(e).GetAccessors().Remover)];
            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                MethodDefinition method = standIn.Reader.GetMethodDefinition(methodHandle);
                MethodAttributes access = method.Attributes & MethodAttributes.MemberAccessMask;
                bool visible = access is MethodAttributes.Public or MethodAttributes.Family or MethodAttributes.FamORAssem;

                // An event counts as used when the board subscribes; C# cannot declare an event without a remover.
                if (!visible || eventRemovers.Contains(methodHandle))
                {
                    continue;
                }

                string key = standIn.DefinitionName(typeHandle) + "::" + standIn.Reader.GetString(method.Name) + standIn.MethodSignature(method.Signature);
                if (!used.Contains(key))
                {
                    unused.Add(key);
                }
            }
        }

        Assert.That(unused, Is.Empty, "stand-in members the board layer never calls");
    }

    [Test]
    public void Every_stand_in_enum_member_is_named_in_the_board_sources()
    {
        using MetadataView standIn = new(RepositoryFiles.StandInAssemblyPath);
        string sources = string.Join("\n", RepositoryFiles.BoardSources());
        List<string> unused = [];
        foreach (TypeDefinitionHandle typeHandle in PublicTypes(standIn))
        {
            TypeDefinition type = standIn.Reader.GetTypeDefinition(typeHandle);
            if (!type.BaseType.IsNil && standIn.TypeName(type.BaseType) == "System.Enum")
            {
                string typeName = standIn.Reader.GetString(type.Name);
                foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
                {
                    FieldDefinition field = standIn.Reader.GetFieldDefinition(fieldHandle);
                    if ((field.Attributes & FieldAttributes.Literal) == 0)
                    {
                        continue;
                    }

                    string member = standIn.Reader.GetString(field.Name);
                    if (!Regex.IsMatch(sources, @"\b" + Regex.Escape(typeName + "." + member) + @"\b"))
                    {
                        unused.Add(typeName + "." + member);
                    }
                }
            }
        }

        Assert.That(unused, Is.Empty, "stand-in enum members the board layer never names");
    }

    [Test]
    public void Every_stand_in_source_says_it_is_never_deployed_and_cites_its_upstream()
    {
        string[] files = Directory.GetFiles(RepositoryFiles.StandInDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)).ToArray();
        string[] missing = [.. files.Where(f =>
        {
            string text = File.ReadAllText(f);
            return !text.StartsWith("// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.", StringComparison.Ordinal)
                || !text.Contains("Upstream: nanoFramework.", StringComparison.Ordinal);
        }).Select(Path.GetFileName)!];

        Assert.That(files, Is.Not.Empty);
        Assert.That(missing, Is.Empty);
    }

    private static IEnumerable<TypeDefinitionHandle> PublicTypes(MetadataView view) =>
        view.Reader.TypeDefinitions.Where(h =>
        {
            TypeAttributes visibility = view.Reader.GetTypeDefinition(h).Attributes & TypeAttributes.VisibilityMask;
            return visibility is TypeAttributes.Public or TypeAttributes.NestedPublic;
        });

    private static bool IsDelegate(MetadataView view, TypeDefinition type) =>
        !type.BaseType.IsNil && view.TypeName(type.BaseType) == "System.MulticastDelegate";
}
