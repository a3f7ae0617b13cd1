using SealCabinet.Firmware.Esp32.Board.Mqtt;

namespace SealCabinet.Firmware.Esp32.Tests;

[TestFixture]
public sealed class ReconnectBackoffTests
{
    [Test]
    public void Delay_doubles_with_each_failure_without_jitter()
    {
        ReconnectBackoff backoff = new(2000, 300000);

        int[] delays = [.. Enumerable.Range(0, 5).Select(_ => backoff.NextDelayMs(0))];

        Assert.That(delays, Is.EqualTo(new[] { 2000, 4000, 8000, 16000, 32000 }));
    }

    [Test]
    public void Delay_stops_growing_at_the_cap()
    {
        ReconnectBackoff backoff = new(2000, 300000);

        int last = 0;
        for (int i = 0; i < 40; i++)
        {
            last = backoff.NextDelayMs(0);
        }

        Assert.That(last, Is.EqualTo(300000));
    }

    [Test]
    public void Jitter_adds_at_most_half_the_delay()
    {
        ReconnectBackoff low = new(2000, 300000);
        ReconnectBackoff high = new(2000, 300000);

        Assert.That(low.NextDelayMs(0), Is.EqualTo(2000));
        Assert.That(high.NextDelayMs(0xFFFF), Is.EqualTo(2999));
    }

    [Test]
    public void Reset_after_a_successful_connect_starts_again_from_the_initial_delay()
    {
        ReconnectBackoff backoff = new(2000, 300000);
        backoff.NextDelayMs(0);
        backoff.NextDelayMs(0);

        backoff.Reset();

        Assert.That(backoff.Failures, Is.Zero);
        Assert.That(backoff.NextDelayMs(0), Is.EqualTo(2000));
    }
}
