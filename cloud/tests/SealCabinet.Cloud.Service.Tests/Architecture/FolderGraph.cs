using System.Reflection;
using SealCabinet.Cloud.Service.Hosting;

namespace SealCabinet.Cloud.Service.Tests.Architecture;

/// <summary>
/// Which folder of the compiled cloud service uses which: a folder is the first namespace segment under
/// <c>SealCabinet.Cloud.Service</c> (the folder layout and the namespaces match), generated wire types are
/// the pseudo-folder <see cref="Contracts"/>.
/// </summary>
internal sealed class FolderGraph
{
    public const string Contracts = "Contracts";

    private const string ServiceNamespace = "SealCabinet.Cloud.Service";

    private const string ContractsNamespace = "SealCabinet.Contracts.V1";

    private FolderGraph(IReadOnlyList<FolderReference> references) => References = references;

    /// <summary>Every use of a type of another folder, one entry per (using type, used type).</summary>
    public IReadOnlyList<FolderReference> References { get; }

    public static Assembly Service => typeof(CloudHost).Assembly;

    public static FolderGraph Of(Assembly assembly)
    {
        var references = new List<FolderReference>();
        foreach (var type in assembly.GetTypes())
        {
            if (FolderOf(type) is not { } from)
            {
                continue;
            }

            foreach (var used in TypeReferenceWalker.ReferencedBy(type))
            {
                if (FolderOf(used) is { } to && to != from)
                {
                    references.Add(new FolderReference(from, to, Outermost(type), used));
                }
            }
        }

        return new FolderGraph(references);
    }

    /// <summary>The folder a type lives in, or null for types of neither the service nor the contract.</summary>
    public static string? FolderOf(Type type)
    {
        var ns = Outermost(type).Namespace;
        if (ns == ContractsNamespace)
        {
            return Contracts;
        }

        if (ns is null || !ns.StartsWith(ServiceNamespace + ".", StringComparison.Ordinal) || Outermost(type).Assembly != Service)
        {
            return null;
        }

        var rest = ns[(ServiceNamespace.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    public static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }
}
