namespace SealCabinet.Cloud.Service.Tests.Architecture;

/// <summary>
/// The one place that says which folder of the cloud service may use which (docs/architecture.md draws the
/// same picture). Read bottom-up: the shared floor (Common, Crypto, Persistence), what every feature appends to
/// (Recording), the edges of the wire (Edge, Access), the features, the device-protocol wing (DeviceGateway),
/// and Hosting on top, which wires everything together. Anything not listed is forbidden, so a new folder must
/// be placed here before it can be used.
/// </summary>
internal static class FolderRules
{
    private const string Contracts = FolderGraph.Contracts;

    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Common"] = [],
        ["WebConsole"] = ["Common"],
        ["Crypto"] = ["Common"],
        ["Persistence"] = ["Common"],
        ["Recording"] = ["Common", "Persistence"],
        ["Edge"] = ["Common", "Persistence", Contracts],
        ["Evidence"] = ["Common", "Crypto", "Persistence"],
        ["Mqtt"] = ["Common", "Crypto", "Persistence", "Recording"],
        ["Access"] = ["Common", "Persistence", Contracts],
        ["Grants"] = ["Common", "Crypto", "Persistence", "Recording", "Mqtt"],
        ["Rosters"] = ["Common", "Crypto", "Persistence", "Mqtt"],
        ["Sessions"] = ["Common", "Persistence", "Recording", "Access", "Edge", Contracts],
        ["Organization"] = ["Common", "Persistence", "Recording", "Access", "Grants", "Rosters", "Sessions", "Edge", Contracts],
        ["Notifications"] = ["Common", "Persistence", "Recording", "Access", "Sessions", "Edge", Contracts],
        ["Devices"] = ["Common", "Crypto", "Persistence", "Recording", "Access", "Mqtt", "Grants", "Edge", Contracts],
        ["Requests"] = ["Common", "Crypto", "Persistence", "Recording", "Access", "Evidence", "Grants", "Sessions", "Edge", Contracts],
        ["Supervision"] = ["Common", "Crypto", "Persistence", "Recording", "Access", "Evidence", "Edge", Contracts],
        ["DeviceGateway"] =
        [
            "Common", "Crypto", "Persistence", "Recording", "Evidence", "Mqtt", "Devices", "Grants", "Requests", "Rosters", "Edge", Contracts,
        ],
        ["Hosting"] =
        [
            "Common", "Crypto", "Persistence", "Recording", "Edge", "Evidence", "Mqtt", "Access", "Organization", "Sessions",
            "Notifications", "Devices", "Grants", "Requests", "Rosters", "Supervision", "DeviceGateway", "WebConsole", Contracts,
        ],
    };

    /// <summary>
    /// Folders whose every type may use generated wire types. In the other folders only the gRPC service classes
    /// and their mapping classes may (<see cref="IsWireEdge"/>): the domain below them has its own types.
    /// </summary>
    public static readonly IReadOnlySet<string> WireFolders = new HashSet<string>(StringComparer.Ordinal)
    {
        "DeviceGateway", "Edge", "Access", "Hosting",
    };

    /// <summary>The only folder that may use the device protocol's messages (device.proto, device_gateway.proto).</summary>
    public const string DeviceProtocolWing = "DeviceGateway";

    /// <summary>
    /// Folders that name the device protocol's service descriptor without using its messages: the policy table
    /// marks its methods as device-authenticated, and the host maps the service.
    /// </summary>
    public static readonly IReadOnlySet<string> DeviceServiceNamers = new HashSet<string>(StringComparer.Ordinal) { "Access", "Hosting" };

    public static bool IsWireEdge(Type type) =>
        type.Name.EndsWith("GrpcService", StringComparison.Ordinal) || type.Name.EndsWith("Mapping", StringComparison.Ordinal);
}
