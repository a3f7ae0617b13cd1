using Microsoft.Extensions.Diagnostics.HealthChecks;
using SealCabinet.Cloud.Service.Mqtt;

namespace SealCabinet.Cloud.Service.Hosting;

/// <summary>Healthy while the service's MQTT connection is up.</summary>
internal sealed class MqttHealthCheck(CloudMqttClient mqtt) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(mqtt.IsConnected ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the MQTT connection is down"));
}
