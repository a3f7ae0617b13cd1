using SealCabinet.Firmware.Core.Hardware.Parts;

namespace SealCabinet.Firmware.Core.Tests.Hardware.Parts;

/// <summary>
/// The DS3231's time registers against the datasheet's register map: BCD seconds, minutes, hours (bit 6 = 12-hour
/// mode, bit 5 = PM), day 1-7, date, month with the century in bit 7, year 00-99; status bit 7 OSF; control bit 7
/// EOSC. Expected values are written out by hand or derived from <see cref="DateTimeOffset"/>, never from the code under test.
/// </summary>
[TestFixture]
public sealed class Ds3231TimeTests
{
    private static long UnixMs(int year, int month, int day, int hour, int minute, int second) =>
        new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>Registers 0x00-0x0F: the seven time registers, zeroed alarms, control at its reset value 1C, then status.</summary>
    private static byte[] Image(byte[] time, byte status)
    {
        byte[] image = new byte[16];
        time.CopyTo(image, 0);
        image[0x0E] = 0x1C;
        image[0x0F] = status;
        return image;
    }

    [Test]
    public void A_leap_day_afternoon_is_written_as_bcd_in_24_hour_mode_with_the_iso_weekday()
    {
        byte[] registers = new byte[7];

        Assert.That(Ds3231Time.TryEncode(UnixMs(2024, 2, 29, 13, 45, 30), registers, 0), Is.True);

        // Thursday = 4; month 02 with the century bit clear for the 2000s.
        Assert.That(registers, Is.EqualTo(new byte[] { 0x30, 0x45, 0x13, 0x04, 0x29, 0x02, 0x24 }));
    }

    [Test]
    public void The_registers_of_a_leap_day_afternoon_read_back_as_that_time()
    {
        byte[] image = Image([0x30, 0x45, 0x13, 0x04, 0x29, 0x02, 0x24], status: 0x08);

        Assert.That(Ds3231Time.TryReadClock(image, out long unixMs), Is.True);
        Assert.That(unixMs, Is.EqualTo(UnixMs(2024, 2, 29, 13, 45, 30)));
    }

    [Test]
    public void A_flat_battery_reads_as_no_time()
    {
        // OSF set (with EN32kHz, as after the chip's first power-up) over a perfectly valid time.
        byte[] image = Image([0x30, 0x45, 0x13, 0x04, 0x29, 0x02, 0x24], status: 0x88);

        Assert.That(Ds3231Time.TryReadClock(image, out long unixMs), Is.False);
        Assert.That(unixMs, Is.Zero);
    }

    [Test]
    public void Setting_the_time_clears_the_oscillator_stop_flag_and_keeps_the_other_status_bits()
    {
        Assert.That(Ds3231Time.StatusAfterSetting(0x8B), Is.EqualTo(0x0B));
        Assert.That(Ds3231Time.TimeWasLost(Ds3231Time.StatusAfterSetting(0xFF)), Is.False);
        Assert.That(Ds3231Time.StatusAfterSetting(0x00), Is.EqualTo(0x00));
    }

    [Test]
    public void Setting_the_time_lets_the_oscillator_run_on_the_battery()
    {
        // EOSC (bit 7) set would stop the clock at the first power cut; RS2/RS1/INTCN (1C) stay.
        Assert.That(Ds3231Time.ControlAfterSetting(0x9C), Is.EqualTo(0x1C));
        Assert.That(Ds3231Time.ControlAfterSetting(0x1C), Is.EqualTo(0x1C));
    }

    [Test]
    public void The_year_2100_sets_the_century_bit_and_starts_the_year_register_again_at_00()
    {
        byte[] registers = new byte[7];

        Assert.That(Ds3231Time.TryEncode(UnixMs(2100, 3, 1, 0, 0, 0), registers, 0), Is.True);

        // 2100-03-01 is a Monday.
        Assert.That(registers, Is.EqualTo(new byte[] { 0x00, 0x00, 0x00, 0x01, 0x01, 0x83, 0x00 }));
        Assert.That(Ds3231Time.TryDecode(registers, 0, out long unixMs), Is.True);
        Assert.That(unixMs, Is.EqualTo(UnixMs(2100, 3, 1, 0, 0, 0)));
    }

    [Test]
    public void The_chips_own_rollover_from_2099_to_2100_reads_as_2100()
    {
        // The chip toggles the century bit when the year register overflows 99 -> 00.
        byte[] afterRollover = [0x00, 0x00, 0x00, 0x05, 0x01, 0x81, 0x00];

        Assert.That(Ds3231Time.TryDecode(afterRollover, 0, out long unixMs), Is.True);
        Assert.That(unixMs, Is.EqualTo(UnixMs(2100, 1, 1, 0, 0, 0)));
    }

    [TestCase(2000, true)]
    [TestCase(2024, true)]
    [TestCase(2023, false)]
    [TestCase(2100, false)]
    [TestCase(2104, true)]
    public void The_29th_of_february_exists_only_in_gregorian_leap_years(int year, bool exists)
    {
        byte yy = (byte)(((year % 100 / 10) << 4) | (year % 10));
        byte month = (byte)(0x02 | (year >= 2100 ? 0x80 : 0x00));

        Assert.That(Ds3231Time.TryDecode([0x00, 0x00, 0x12, 0x01, 0x29, month, yy], 0, out long unixMs), Is.EqualTo(exists));
        if (exists)
        {
            Assert.That(unixMs, Is.EqualTo(UnixMs(year, 2, 29, 12, 0, 0)));
        }
    }

    [TestCase((byte)0x52, 0, TestName = "12 AM is midnight")]
    [TestCase((byte)0x41, 1, TestName = "1 AM is hour 1")]
    [TestCase((byte)0x72, 12, TestName = "12 PM is noon")]
    [TestCase((byte)0x71, 23, TestName = "11 PM is hour 23")]
    public void A_clock_left_in_12_hour_mode_by_another_tool_reads_in_24_hours(byte hoursRegister, int hour)
    {
        Assert.That(Ds3231Time.TryDecode([0x00, 0x00, hoursRegister, 0x02, 0x15, 0x06, 0x26], 0, out long unixMs), Is.True);
        Assert.That(unixMs, Is.EqualTo(UnixMs(2026, 6, 15, hour, 0, 0)));
    }

    [TestCase(0, (byte)0x5A, TestName = "seconds 5A is not BCD")]
    [TestCase(0, (byte)0x60, TestName = "seconds 60")]
    [TestCase(1, (byte)0x60, TestName = "minutes 60")]
    [TestCase(2, (byte)0x24, TestName = "hour 24")]
    [TestCase(2, (byte)0x40, TestName = "hour 0 in 12-hour mode")]
    [TestCase(2, (byte)0x53, TestName = "hour 13 in 12-hour mode")]
    [TestCase(4, (byte)0x00, TestName = "date 0")]
    [TestCase(4, (byte)0x31, TestName = "31 June")]
    [TestCase(5, (byte)0x00, TestName = "month 0")]
    [TestCase(5, (byte)0x13, TestName = "month 13")]
    [TestCase(6, (byte)0xA0, TestName = "year A0 is not BCD")]
    public void Registers_that_name_no_real_time_are_refused(int register, byte value)
    {
        byte[] registers = [0x00, 0x00, 0x12, 0x01, 0x15, 0x06, 0x26];
        registers[register] = value;

        Assert.That(Ds3231Time.TryDecode(registers, 0, out long unixMs), Is.False);
        Assert.That(unixMs, Is.Zero);
    }

    [Test]
    public void A_register_image_too_short_to_hold_the_status_is_no_time()
    {
        Assert.That(Ds3231Time.TryReadClock([0x00, 0x00, 0x12, 0x01, 0x15, 0x06, 0x26], out _), Is.False);
    }

    [Test]
    public void A_time_with_milliseconds_is_rounded_up_so_the_clock_never_reads_earlier_than_it_was_set()
    {
        long set = UnixMs(2026, 12, 6, 23, 59, 59) + 1;
        byte[] registers = new byte[7];

        Assert.That(Ds3231Time.TryEncode(set, registers, 0), Is.True);
        Assert.That(Ds3231Time.TryDecode(registers, 0, out long read), Is.True);

        Assert.That(read, Is.EqualTo(UnixMs(2026, 12, 7, 0, 0, 0)));
        Assert.That(read, Is.GreaterThanOrEqualTo(set));
    }

    [Test]
    public void A_whole_second_is_written_unchanged()
    {
        byte[] registers = new byte[7];

        Assert.That(Ds3231Time.TryEncode(UnixMs(2026, 1, 1, 0, 0, 0), registers, 0), Is.True);
        Assert.That(Ds3231Time.TryDecode(registers, 0, out long read), Is.True);

        Assert.That(read, Is.EqualTo(UnixMs(2026, 1, 1, 0, 0, 0)));
    }

    [Test]
    public void Times_outside_2000_to_2199_are_not_written()
    {
        byte[] registers = [0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE];

        Assert.That(Ds3231Time.TryEncode(UnixMs(1999, 12, 31, 23, 59, 59), registers, 0), Is.False);
        Assert.That(Ds3231Time.TryEncode(UnixMs(2200, 1, 1, 0, 0, 0), registers, 0), Is.False);
        Assert.That(Ds3231Time.TryEncode(UnixMs(2199, 12, 31, 23, 59, 59) + 1, registers, 0), Is.False, "would round up into 2200");
        Assert.That(registers, Has.All.EqualTo(0xEE), "nothing written");
        Assert.That(Ds3231Time.TryEncode(UnixMs(2000, 1, 1, 0, 0, 0), registers, 0), Is.True);
        Assert.That(Ds3231Time.TryEncode(UnixMs(2199, 12, 31, 23, 59, 59), registers, 0), Is.True);
    }

    [Test]
    public void Every_second_from_2000_to_2199_encodes_to_the_calendar_fields_and_back()
    {
        Random random = new(20261206);
        long first = UnixMs(2000, 1, 1, 0, 0, 0) / 1000;
        long end = UnixMs(2200, 1, 1, 0, 0, 0) / 1000;
        byte[] registers = new byte[9];
        for (int i = 0; i < 20000; i++)
        {
            long seconds = first + random.NextInt64(end - first);
            DateTimeOffset expected = DateTimeOffset.FromUnixTimeSeconds(seconds);

            Assert.That(Ds3231Time.TryEncode(seconds * 1000, registers, 2), Is.True);
            Assert.That(
                registers[2..],
                Is.EqualTo(new[]
                {
                    Bcd(expected.Second), Bcd(expected.Minute), Bcd(expected.Hour),
                    (byte)(expected.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)expected.DayOfWeek),
                    Bcd(expected.Day), (byte)(Bcd(expected.Month) | (expected.Year >= 2100 ? 0x80 : 0)), Bcd(expected.Year % 100),
                }),
                expected.ToString("O"));
            Assert.That(Ds3231Time.TryDecode(registers, 2, out long back), Is.True);
            Assert.That(back, Is.EqualTo(seconds * 1000), expected.ToString("O"));
        }
    }

    private static byte Bcd(int value) => (byte)(((value / 10) << 4) | (value % 10));
}
