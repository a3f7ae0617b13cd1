using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Tests.Architecture;

/// <summary>
/// Holds the cloud service's folders to <see cref="FolderRules"/>, read from the compiled assembly, so the
/// layout in docs/architecture.md stays true as code is added.
/// </summary>
[TestFixture]
public sealed class FolderDirectionTests
{
    private static readonly FolderGraph Graph = FolderGraph.Of(FolderGraph.Service);

    [Test]
    public void Every_folder_of_the_service_has_a_place_in_the_rules()
    {
        var folders = FolderGraph.Service.GetTypes().Select(FolderGraph.FolderOf).OfType<string>()
            .Where(f => f != FolderGraph.Contracts).Distinct().Order(StringComparer.Ordinal);

        Assert.That(folders.Where(f => !FolderRules.Allowed.ContainsKey(f)), Is.Empty, "folders missing from FolderRules.Allowed");
    }

    [Test]
    public void A_folder_uses_only_the_folders_it_is_allowed_to()
    {
        var forbidden = Graph.References
            .Where(r => !FolderRules.Allowed.TryGetValue(r.From, out var allowed) || !allowed.Contains(r.To))
            .Select(r => r.ToString())
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.That(forbidden, Is.Empty, "forbidden folder references:" + Environment.NewLine + string.Join(Environment.NewLine, forbidden));
    }

    [Test]
    public void The_allowed_directions_form_no_loop()
    {
        var loop = FindLoop(FolderRules.Allowed);

        Assert.That(loop, Is.Null, "the rules allow a loop: " + string.Join(" -> ", loop ?? []));
    }

    [Test]
    public void Outside_the_wire_folders_only_grpc_services_and_their_mappings_use_wire_types()
    {
        var leaks = Graph.References
            .Where(r => r.To == FolderGraph.Contracts && !FolderRules.WireFolders.Contains(r.From) && !FolderRules.IsWireEdge(r.User))
            .Select(r => r.ToString())
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.That(leaks, Is.Empty, "wire types in the domain:" + Environment.NewLine + string.Join(Environment.NewLine, leaks));
    }

    [Test]
    public void Only_the_device_gateway_wing_uses_the_device_protocol()
    {
        var protocol = DeviceProtocolTypes();
        var leaks = Graph.References
            .Where(r => r.To == FolderGraph.Contracts && r.From != FolderRules.DeviceProtocolWing && protocol.Contains(FolderGraph.Outermost(r.Used)))
            .Where(r => !(FolderRules.DeviceServiceNamers.Contains(r.From) && FolderGraph.Outermost(r.Used) == typeof(Wire.DeviceGateway)))
            .Select(r => r.ToString())
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.That(leaks, Is.Empty, "device-protocol types outside DeviceGateway:" + Environment.NewLine + string.Join(Environment.NewLine, leaks));
    }

    [Test]
    public void The_walker_sees_what_constructors_and_method_bodies_use()
    {
        // Without this a walker that saw nothing would let every rule pass: the ingestion pipeline takes the
        // security-event recorder in its constructor and calls it in its method bodies.
        var seen = Graph.References.Where(r => r.User == typeof(DeviceGateway.IngestionPipeline) && r.Used == typeof(Recording.SecurityEventRecorder));

        Assert.That(seen, Is.Not.Empty);
    }

    private static HashSet<Type> DeviceProtocolTypes()
    {
        var found = new HashSet<Type>();
        foreach (var file in new[] { Wire.DeviceReflection.Descriptor, Wire.DeviceGatewayReflection.Descriptor })
        {
            foreach (var message in file.MessageTypes)
            {
                found.Add(message.ClrType);
            }

            foreach (var enumeration in file.EnumTypes)
            {
                found.Add(enumeration.ClrType);
            }

            foreach (var service in file.Services)
            {
                found.Add(typeof(Wire.DeviceGateway).Assembly.GetType($"{typeof(Wire.DeviceGateway).Namespace}.{service.Name}", throwOnError: true)!);
            }
        }

        return found;
    }

    private static List<string>? FindLoop(IReadOnlyDictionary<string, string[]> edges)
    {
        var state = new Dictionary<string, bool>(StringComparer.Ordinal);
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            if (state.TryGetValue(node, out var onPath))
            {
                return onPath ? [.. path.SkipWhile(n => n != node), node] : null;
            }

            state[node] = true;
            path.Add(node);
            foreach (var next in edges.GetValueOrDefault(node, []))
            {
                if (Visit(next) is { } loop)
                {
                    return loop;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = false;
            return null;
        }

        return edges.Keys.Select(Visit).FirstOrDefault(l => l is not null);
    }
}
