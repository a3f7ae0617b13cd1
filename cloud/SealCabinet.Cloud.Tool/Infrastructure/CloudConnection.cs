using System.CommandLine;
using Grpc.Core;
using Grpc.Net.Client;
using SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Tool.Infrastructure;

/// <summary>A channel to the service carrying the caller's token.</summary>
internal sealed class CloudConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    private CloudConnection(GrpcChannel channel)
    {
        _channel = channel;
        Devices = new Devices.DevicesClient(channel);
        Organization = new Organization.OrganizationClient(channel);
        Requests = new Requests.RequestsClient(channel);
        Audit = new Audit.AuditClient(channel);
    }

    public Devices.DevicesClient Devices { get; }

    public Organization.OrganizationClient Organization { get; }

    public Requests.RequestsClient Requests { get; }

    public Audit.AuditClient Audit { get; }

    /// <summary>A connection over a channel made elsewhere (tests against an in-process service).</summary>
    internal static CloudConnection FromChannel(GrpcChannel channel) => new(channel);

    public static CloudConnection Connect(ParseResult parse)
    {
        var url = parse.GetValue(GlobalOptions.Url)!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            throw new UsageException($"--url: '{url}' is not an http(s) address");
        }

        // The bearer token travels with every call: in clear text only to this machine.
        if (uri.Scheme == "http" && !uri.IsLoopback)
        {
            throw new UsageException(
                $"--url: '{url}' is plain http to another machine, which would send your token unencrypted; use https:// (plain http only for localhost, 127.0.0.1 or ::1)");
        }

        var token = parse.GetValue(GlobalOptions.Token) ?? Environment.GetEnvironmentVariable("SEALCTL_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new UsageException("--token is required (or SEALCTL_TOKEN); in embedded mode: export SEALCTL_TOKEN=$(sealctl token --person <id> --role <role>)");
        }

        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("Authorization", "Bearer " + token);
            return Task.CompletedTask;
        });
        var channel = GrpcChannel.ForAddress(uri, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(uri.Scheme == "https" ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = uri.Scheme == "http",
            MaxSendMessageSize = 16 * 1024 * 1024,
            MaxReceiveMessageSize = 16 * 1024 * 1024,
        });
        return new CloudConnection(channel);
    }

    public void Dispose() => _channel.Dispose();
}
