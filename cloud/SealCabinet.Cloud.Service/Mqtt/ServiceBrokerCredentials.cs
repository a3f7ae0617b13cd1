using System.Security.Cryptography;

namespace SealCabinet.Cloud.Service.Mqtt;

/// <summary>
/// The credentials the service itself uses on the embedded broker: generated per process, never stored,
/// so nothing but this process can act as the service there.
/// </summary>
internal sealed class ServiceBrokerCredentials
{
    public string Username { get; } = "sealcabinet-cloud";

    public string Password { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
