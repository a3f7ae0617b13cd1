using System.Net;
using System.Net.Sockets;
using SealCabinet.HardwareSim.Demo;
using SealCabinet.HardwareSim.EndToEnd.Tests;

// Outside the namespace of CloudUnderTest on purpose: this starts its own service process only.
namespace SealCabinet.HardwareSim.CloudProcess.Tests;

[TestFixture]
public sealed class CloudServiceProcessTests
{
    [Test]
    public void A_service_asked_for_a_port_another_process_holds_fails_instead_of_trusting_the_other_listener()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var data = Path.Combine(TestContext.CurrentContext.WorkDirectory, "cloud-process", Guid.NewGuid().ToString("N")[..8]);

        var error = Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await CloudServiceProcess.StartAsync(new CloudServiceOptions { ServiceDll = TestCloud.ServiceDll(), DataDirectory = data, GrpcPort = port }));

        Assert.That(error!.Message, Does.StartWith("the cloud service did not start (it exited with code").And.Contain(port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
