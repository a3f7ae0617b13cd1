using System.Security.Cryptography;
using Grpc.Core;
using SealCabinet.Firmware.Core.Configuration;
using SealCabinet.Firmware.Core.Firmware;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Tests.Support;

namespace SealCabinet.Firmware.Core.Tests.Firmware;

/// <summary>
/// The status LED codes of docs/technician-guide.md §4, from the firmware's real state, with the manual clock: each
/// code is traced tick by tick (10 ms) from the moment it starts and compared with the guide's timings.
/// </summary>
[TestFixture]
public sealed class StatusLedTests
{
    private const long Step = 10;

    [Test]
    public void An_unprovisioned_cabinet_blinks_evenly_once_per_second()
    {
        using Cabinet cabinet = new(online: false);
        cabinet.Flash.Delete(ProvisioningFile.FileName);
        cabinet.Boot();

        Assert.That(cabinet.Firmware.LedPattern, Is.EqualTo(StatusLedPattern.NotProvisioned));
        Assert.That(Runs(cabinet, 3_000), Is.EqualTo(Repeat(3, (true, 500), (false, 500))));
    }

    [Test]
    public void Wifi_down_gives_two_blinks_every_two_seconds()
    {
        using Cabinet cabinet = new(online: false);
        cabinet.Board.NetworkLink = new FakeLink { IsUp = false };
        cabinet.Boot();

        Assert.That(cabinet.Firmware.LedPattern, Is.EqualTo(StatusLedPattern.WifiDown), "Wi-Fi down outranks the unreachable gateway behind it");
        Assert.That(Runs(cabinet, 4_000), Is.EqualTo(Repeat(2, (true, 150), (false, 250), (true, 150), (false, 1450))));
    }

    [Test]
    public void A_gateway_that_gives_no_answer_gives_three_blinks_every_two_seconds()
    {
        using Cabinet cabinet = new(online: false);
        cabinet.Board.NetworkLink = new FakeLink();
        cabinet.Boot();

        RunUntil(cabinet, StatusLedPattern.CloudUnreachable);

        Assert.That(cabinet.Firmware.Uplink!.GatewayUnreachable, Is.True);
        Assert.That(Runs(cabinet, 4_000), Is.EqualTo(Repeat(2, (true, 150), (false, 250), (true, 150), (false, 250), (true, 150), (false, 1050))));
    }

    [Test]
    public void A_broker_that_cannot_be_joined_gives_three_blinks_once_the_clock_is_trusted()
    {
        using Cabinet cabinet = new(online: true);
        cabinet.Boot();

        RunUntil(cabinet, StatusLedPattern.CloudUnreachable);

        Assert.That(cabinet.Firmware.HasTrustedTime, Is.True, "the gateway answered; only MQTT fails");
        Assert.That(cabinet.Firmware.Uplink!.GatewayUnreachable, Is.False);
        Assert.That(Runs(cabinet, 2_000), Is.EqualTo(Repeat(1, (true, 150), (false, 250), (true, 150), (false, 250), (true, 150), (false, 1050))));
    }

    [Test]
    public void A_gateway_that_answers_without_a_trusted_time_gives_four_blinks_every_two_seconds()
    {
        // As with a wrong device secret: the gateway is reached but refuses, so no signed server time arrives.
        using Cabinet cabinet = new(online: true, mqtt: () => new ConnectedMqtt());
        cabinet.Cloud.FailStatus = StatusCode.Unauthenticated;
        cabinet.Cloud.FailNextCalls = int.MaxValue;
        cabinet.Boot();
        cabinet.Tick();

        Assert.That(cabinet.Firmware.LedPattern, Is.EqualTo(StatusLedPattern.ClockUntrusted));
        Assert.That(cabinet.Firmware.Uplink!.GatewayUnreachable, Is.False, "an error status is an answer");
        Assert.That(Runs(cabinet, 4_000), Is.EqualTo(Repeat(2, (true, 150), (false, 250), (true, 150), (false, 250), (true, 150), (false, 250), (true, 150), (false, 650))));
    }

    [Test]
    public void A_refused_reprovisioning_shows_long_on_short_off_while_it_waits_even_without_the_cloud()
    {
        using Cabinet cabinet = new(online: false);
        cabinet.Boot();
        cabinet.PressOnce(1);
        using Cabinet next = new(online: false, flash: cabinet.Flash, secret: RandomNumberGenerator.GetBytes(32));
        cabinet.Flash.SetFile(ProvisioningFile.FileName, ProvisioningFile.Encode(next.Config));
        cabinet.PowerCycle();
        Assert.That(cabinet.Firmware.IsBlocked, Is.True);

        RunUntil(cabinet, StatusLedPattern.ProvisioningWaits);

        Assert.That(Runs(cabinet, 6_000), Is.EqualTo(Repeat(3, (true, 1500), (false, 500))));
    }

    [Test]
    public void A_healthy_cabinet_is_steady_on()
    {
        using Cabinet cabinet = Healthy(new FakeLink());

        Assert.That(Runs(cabinet, 3_000), Is.EqualTo(new[] { (true, 3_000L) }));
    }

    [Test]
    public void An_unlocked_sleeve_flashes_five_times_a_second_until_its_seal_is_back()
    {
        using Cabinet cabinet = Healthy(new FakeLink());
        cabinet.Firmware.SubmitGrant(cabinet.IssueGrant(2).ToByteArray());
        RunUntil(cabinet, StatusLedPattern.SleeveReady);
        Assert.That(Runs(cabinet, 2_000), Is.EqualTo(Repeat(2, (true, 250), (false, 750))), "a READY sleeve pulses slowly");
        cabinet.EnterPin();
        cabinet.Buttons[1].Level = true;

        RunUntil(cabinet, StatusLedPattern.Unlocked);
        Assert.That(Runs(cabinet, 1_000), Is.EqualTo(Repeat(5, (true, 100), (false, 100))));
        cabinet.Lift(2);
        Assert.That(cabinet.Firmware.LedPattern, Is.EqualTo(StatusLedPattern.Unlocked), "the seal is out for the stamping");
        cabinet.PressOnce(2);
        cabinet.Return(2);

        Assert.That(cabinet.Firmware.LedPattern, Is.EqualTo(StatusLedPattern.Ready));
    }

    [Test]
    public void An_open_enclosure_flashes_ten_times_a_second_for_as_long_as_it_is_open()
    {
        using Cabinet cabinet = Healthy(new FakeLink());
        cabinet.Tamper.Level = true;

        RunUntil(cabinet, StatusLedPattern.Alarm);
        Assert.That(Runs(cabinet, 500), Is.EqualTo(Repeat(5, (true, 50), (false, 50))));
        cabinet.Run(CabinetFirmware.BuzzerMs + 1_000);
        Assert.That(cabinet.Buzzer.IsOn, Is.False);
        Assert.That(cabinet.Firmware.LedPattern, Is.EqualTo(StatusLedPattern.Alarm), "after the buzzer stops too");
        cabinet.SetLevel(cabinet.Tamper, false);

        Assert.That(cabinet.Firmware.LedPattern, Is.EqualTo(StatusLedPattern.Ready));
    }

    [Test]
    public void A_seal_kept_out_past_the_return_window_flashes_the_alarm_until_it_is_back()
    {
        using Cabinet cabinet = Healthy(new FakeLink(), c => c.ReturnWindowMs = 10_000);
        cabinet.Firmware.SubmitGrant(cabinet.IssueGrant(1).ToByteArray());
        cabinet.Tick();
        cabinet.EnterPin();
        cabinet.PushStampButton(1);
        cabinet.Lift(1);

        cabinet.Run(10_000 + CabinetFirmware.BuzzerMs + 500, step: 50);
        Assert.That(cabinet.Firmware.LedPattern, Is.EqualTo(StatusLedPattern.Alarm));
        cabinet.Return(1);

        Assert.That(cabinet.Firmware.LedPattern, Is.EqualTo(StatusLedPattern.Ready));
    }

    [Test]
    public void An_alarm_outranks_a_stamping_which_outranks_a_broken_link()
    {
        FakeLink link = new();
        using Cabinet cabinet = Healthy(link);

        link.IsUp = false;
        cabinet.Tick();
        Assert.That(cabinet.Firmware.LedPattern, Is.EqualTo(StatusLedPattern.WifiDown));
        cabinet.Firmware.SubmitGrant(cabinet.IssueGrant(3).ToByteArray());
        cabinet.Tick();
        Assert.That(cabinet.Firmware.LedPattern, Is.EqualTo(StatusLedPattern.SleeveReady));
        cabinet.EnterPin();
        cabinet.PushStampButton(3);
        Assert.That(cabinet.Firmware.LedPattern, Is.EqualTo(StatusLedPattern.Unlocked));
        cabinet.SetLevel(cabinet.Tamper, true);
        Assert.That(cabinet.Firmware.LedPattern, Is.EqualTo(StatusLedPattern.Alarm));
        cabinet.SetLevel(cabinet.Tamper, false);
        cabinet.Run(CabinetFirmware.BuzzerMs);
        Assert.That(cabinet.Firmware.LedPattern, Is.EqualTo(StatusLedPattern.Unlocked));
        cabinet.Run(cabinet.Config.UnlockWindowMs);
        Assert.That(cabinet.Firmware.LedPattern, Is.EqualTo(StatusLedPattern.WifiDown), "the unlock window is over");
        link.IsUp = true;
        cabinet.Tick();

        Assert.That(cabinet.Firmware.LedPattern, Is.EqualTo(StatusLedPattern.Ready));
    }

    [TestCase(StatusLedPattern.Ready, "ready")]
    [TestCase(StatusLedPattern.NotProvisioned, "not-provisioned")]
    [TestCase(StatusLedPattern.WifiDown, "wifi-down")]
    [TestCase(StatusLedPattern.CloudUnreachable, "cloud-unreachable")]
    [TestCase(StatusLedPattern.ClockUntrusted, "clock-untrusted")]
    [TestCase(StatusLedPattern.ProvisioningWaits, "provisioning-waits")]
    [TestCase(StatusLedPattern.Unlocked, "unlocked")]
    [TestCase(StatusLedPattern.Alarm, "alarm")]
    public void Every_pattern_has_a_name_of_its_own(StatusLedPattern pattern, string name)
    {
        Assert.That(StatusLed.NameOf(pattern), Is.EqualTo(name));
    }

    /// <summary>Booted online with a working broker, link up, synced with the cloud: steady on.</summary>
    private static Cabinet Healthy(FakeLink link, Action<DeviceConfiguration>? configure = null)
    {
        Cabinet cabinet = new(online: true, configure: configure, mqtt: () => new ConnectedMqtt());
        cabinet.Board.NetworkLink = link;
        cabinet.Boot();
        cabinet.SyncWithCloud();
        RunUntil(cabinet, StatusLedPattern.Ready);
        return cabinet;
    }

    /// <summary>Ticks until the pattern starts; the clock then stands at the pattern's first instant.</summary>
    private static void RunUntil(Cabinet cabinet, StatusLedPattern pattern)
    {
        for (int i = 0; i < 1_000 && cabinet.Firmware.LedPattern != pattern; i++)
        {
            cabinet.Run(Step, Step);
        }

        Assert.That(cabinet.Firmware.LedPattern, Is.EqualTo(pattern));
    }

    /// <summary>
    /// The LED's level from now (the current pattern's first instant) for <paramref name="ms"/>, ticking every 10 ms,
    /// as runs of (lit, duration). One tick more is taken and the last run left out, so a run that ends exactly at
    /// <paramref name="ms"/> counts and a cut-off one does not; an LED that never changed is one run.
    /// </summary>
    private static List<(bool Lit, long Ms)> Runs(Cabinet cabinet, long ms)
    {
        List<(bool Lit, long Ms)> runs = [(cabinet.Led.IsOn, Step)];
        for (long t = Step; t <= ms; t += Step)
        {
            cabinet.Run(Step, Step);
            bool lit = cabinet.Led.IsOn;
            if (runs[^1].Lit == lit)
            {
                runs[^1] = (lit, runs[^1].Ms + Step);
            }
            else
            {
                runs.Add((lit, Step));
            }
        }

        if (runs.Count > 1)
        {
            runs.RemoveAt(runs.Count - 1);
        }
        else
        {
            runs[0] = (runs[0].Lit, ms);
        }

        return runs;
    }

    private static List<(bool Lit, long Ms)> Repeat(int times, params (bool Lit, long Ms)[] cycle)
    {
        List<(bool Lit, long Ms)> runs = [];
        for (int i = 0; i < times; i++)
        {
            runs.AddRange(cycle);
        }

        return runs;
    }

    private sealed class FakeLink : INetworkLink
    {
        public bool IsUp { get; set; } = true;
    }

    /// <summary>A broker that always takes the connection (no grants arrive over it in these tests).</summary>
    private sealed class ConnectedMqtt : IMqttChannel
    {
        public bool IsConnected { get; private set; }

        public void SetHandlers(MqttMessageHandler onMessage, MqttConnectionLostHandler onConnectionLost)
        {
        }

        public bool Connect(MqttConnectOptions options)
        {
            IsConnected = true;
            return true;
        }

        public bool Subscribe(string topic) => IsConnected;

        public bool Publish(string topic, byte[] payload, bool retain) => IsConnected;

        public void Disconnect() => IsConnected = false;
    }
}
