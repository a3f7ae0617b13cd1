using Grpc.Net.Client;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Tests.Infrastructure;

/// <summary>The service's clients on one channel, as one caller.</summary>
internal sealed class CloudClients(GrpcChannel channel)
{
    public GrpcChannel Channel { get; } = channel;

    public Wire.Devices.DevicesClient Devices { get; } = new(channel);

    public Wire.Organization.OrganizationClient Organization { get; } = new(channel);

    public Wire.Requests.RequestsClient Requests { get; } = new(channel);

    public Wire.DeviceGateway.DeviceGatewayClient Gateway { get; } = new(channel);

    public Wire.Audit.AuditClient Audit { get; } = new(channel);

    public Wire.Notifications.NotificationsClient Notifications { get; } = new(channel);

    public Wire.Sessions.SessionsClient Sessions { get; } = new(channel);
}
