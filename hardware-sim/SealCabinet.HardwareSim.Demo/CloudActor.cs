using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using SealCabinet.Contracts.V1;

namespace SealCabinet.HardwareSim.Demo;

/// <summary>A person of the story talking to the cloud with their own development token.</summary>
public sealed class CloudActor
{
    /// <summary>Creates the actor on a shared channel.</summary>
    /// <param name="channel">The native gRPC channel.</param>
    /// <param name="personId">Person id (token sub).</param>
    /// <param name="name">Display name.</param>
    /// <param name="role">What they do in the story, for the timeline.</param>
    /// <param name="token">Their bearer token.</param>
    public CloudActor(GrpcChannel channel, string personId, string name, string role, string token)
    {
        ArgumentNullException.ThrowIfNull(channel);
        PersonId = personId;
        Name = name;
        Role = role;
        var invoker = channel.Intercept(metadata =>
        {
            metadata.Add("authorization", $"Bearer {token}");
            return metadata;
        });
        Organization = new Organization.OrganizationClient(invoker);
        Devices = new Devices.DevicesClient(invoker);
        Requests = new Requests.RequestsClient(invoker);
        Notifications = new Notifications.NotificationsClient(invoker);
        Audit = new Audit.AuditClient(invoker);
    }

    /// <summary>Person id.</summary>
    public string PersonId { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>Role in the story.</summary>
    public string Role { get; }

    /// <summary>Organization service.</summary>
    public Organization.OrganizationClient Organization { get; }

    /// <summary>Devices service.</summary>
    public Devices.DevicesClient Devices { get; }

    /// <summary>Requests service.</summary>
    public Requests.RequestsClient Requests { get; }

    /// <summary>Notifications service.</summary>
    public Notifications.NotificationsClient Notifications { get; }

    /// <summary>Audit service.</summary>
    public Audit.AuditClient Audit { get; }

    /// <summary>"王建国 (approver)".</summary>
    /// <returns>The label.</returns>
    public override string ToString() => $"{Name} ({Role})";
}
