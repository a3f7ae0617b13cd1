using SealCabinet.Firmware.Core.Hardware.Parts;

namespace SealCabinet.Firmware.Core.Tests.Hardware.Parts;

/// <summary>Each key once per press, from scans every 10 ms debounced over 30 ms.</summary>
[TestFixture]
public sealed class KeyDebouncerTests
{
    private const char None = KeypadMatrix.NoKey;
    private const char Several = KeypadMatrix.SeveralKeys;

    /// <summary>Feeds one scan every 10 ms and returns the keys reported.</summary>
    private static string Scan(KeyDebouncer debouncer, string scans, ref long nowMs)
    {
        string reported = string.Empty;
        foreach (char c in scans)
        {
            char scanned = c switch
            {
                '.' => None,
                '+' => Several,
                _ => c,
            };
            char key = debouncer.Update(scanned, nowMs);
            if (key != None)
            {
                reported += key;
            }

            nowMs += 10;
        }

        return reported;
    }

    private static string Scan(string scans)
    {
        long nowMs = 1_000;
        return Scan(new KeyDebouncer(30), scans, ref nowMs);
    }

    [Test]
    public void A_key_held_down_is_reported_once()
    {
        Assert.That(Scan("....5555555555555555...."), Is.EqualTo("5"));
    }

    [Test]
    public void Contact_bounce_at_press_and_release_does_not_repeat_the_key()
    {
        Assert.That(Scan("...5.5.55555555.5.5.5......"), Is.EqualTo("5"));
    }

    [Test]
    public void A_touch_shorter_than_the_debounce_time_is_not_a_key()
    {
        Assert.That(Scan("....555......"), Is.Empty);
    }

    [Test]
    public void The_key_is_reported_once_it_has_held_for_the_debounce_time()
    {
        KeyDebouncer debouncer = new(30);

        Assert.That(debouncer.Update('7', 0), Is.EqualTo(None));
        Assert.That(debouncer.Update('7', 29), Is.EqualTo(None));
        Assert.That(debouncer.Update('7', 30), Is.EqualTo('7'));
        Assert.That(debouncer.Update('7', 1_000), Is.EqualTo(None));
    }

    [Test]
    public void The_same_key_pressed_twice_is_reported_twice()
    {
        Assert.That(Scan("..1111111.....1111111..."), Is.EqualTo("11"));
    }

    [Test]
    public void A_pin_typed_in_full_comes_out_in_order()
    {
        Assert.That(Scan("..1111...2222...3333...4444...####..."), Is.EqualTo("1234#"));
    }

    [Test]
    public void Fast_typing_with_an_overlap_still_reports_the_second_key()
    {
        // 1 down, 2 goes down before 1 is up, then 1 up.
        Assert.That(Scan("..11111++++22222....."), Is.EqualTo("12"));
    }

    [Test]
    public void Brushing_a_second_key_does_not_repeat_the_first()
    {
        Assert.That(Scan("..5555555+++++55555....."), Is.EqualTo("5"));
    }

    [Test]
    public void Several_keys_at_once_are_never_reported()
    {
        Assert.That(Scan("..++++++++++++....."), Is.Empty);
    }

    [Test]
    public void A_release_shorter_than_the_debounce_time_does_not_split_one_press_in_two()
    {
        Assert.That(Scan("..5555555..5555555....."), Is.EqualTo("5"));
    }
}
