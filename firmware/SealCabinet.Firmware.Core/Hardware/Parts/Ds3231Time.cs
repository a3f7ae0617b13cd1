namespace SealCabinet.Firmware.Core.Hardware.Parts
{
    /// <summary>
    /// Converts between Unix epoch milliseconds and the DS3231's BCD time registers, and decides from the status
    /// register whether the chip's time can be believed. The years 2000-2199 are representable: the year register
    /// holds 00-99 and the century bit adds 100. The firmware writes 2000-2099 with the bit clear, so the chip's own
    /// rollover from 2099 to 2100 (it toggles the bit) keeps counting correctly. Dates are checked with the Gregorian
    /// rules (2000 is a leap year, 2100 is not; the chip's own leap-year logic is only valid until 2100), so a
    /// register image that names no real date is refused instead of being turned into a wrong time.
    /// </summary>
    public static class Ds3231Time
    {
        /// <summary>First year the registers can hold.</summary>
        public const int FirstYear = 2000;

        /// <summary>Last year the registers can hold.</summary>
        public const int LastYear = 2199;

        /// <summary>2000-01-01T00:00:00Z in Unix milliseconds, the earliest time the registers can hold.</summary>
        public const long FirstUnixMs = 946684800000L;

        /// <summary>2200-01-01T00:00:00Z in Unix milliseconds, the first time past what the registers can hold.</summary>
        public const long EndUnixMs = 7258118400000L;

        private const long MsPerSecond = 1000L;
        private const long SecondsPerDay = 86400L;

        // Days from 1970-01-01 to 2000-01-01.
        private const long UnixDaysAt2000 = 10957L;

        /// <summary>
        /// Reads the time from a register image that starts at register 0x00 and reaches the status register (0x0F).
        /// </summary>
        /// <param name="registers">Registers 0x00.. as read in one transfer (at least <see cref="Ds3231Registers.RegistersThroughStatus"/> bytes).</param>
        /// <param name="unixMs">The time, Unix epoch milliseconds (whole seconds); 0 when false.</param>
        /// <returns>False when the oscillator-stop flag says the time was lost, or the registers name no valid time.</returns>
        public static bool TryReadClock(byte[] registers, out long unixMs)
        {
            unixMs = 0;
            if (registers.Length < Ds3231Registers.RegistersThroughStatus || TimeWasLost(registers[Ds3231Registers.Status]))
            {
                return false;
            }

            return TryDecode(registers, 0, out unixMs);
        }

        /// <summary>True when the status register's OSF bit says the oscillator stopped since the time was last set.</summary>
        /// <param name="status">The status register (0x0F).</param>
        /// <returns>Whether the time was lost.</returns>
        public static bool TimeWasLost(byte status)
        {
            return (status & Ds3231Registers.StatusOscillatorStopped) != 0;
        }

        /// <summary>
        /// The status register to write after setting the time: OSF cleared (the time is good again), every other bit
        /// kept (writing 1 to an alarm flag leaves it unchanged; EN32kHz stays as it was).
        /// </summary>
        /// <param name="status">The status register as read before setting the time.</param>
        /// <returns>The value to write.</returns>
        public static byte StatusAfterSetting(byte status)
        {
            return (byte)(status & ~Ds3231Registers.StatusOscillatorStopped);
        }

        /// <summary>
        /// The control register to write after setting the time: EOSC cleared, so the oscillator keeps running on the
        /// battery through a power cut; every other bit kept.
        /// </summary>
        /// <param name="control">The control register as read before setting the time.</param>
        /// <returns>The value to write.</returns>
        public static byte ControlAfterSetting(byte control)
        {
            return (byte)(control & ~Ds3231Registers.ControlDisableOscillatorOnBattery);
        }

        /// <summary>Decodes the seven time registers (seconds .. year).</summary>
        /// <param name="registers">The register image.</param>
        /// <param name="offset">Index of the seconds register in <paramref name="registers"/>.</param>
        /// <param name="unixMs">The time, Unix epoch milliseconds (whole seconds); 0 when false.</param>
        /// <returns>False when a field is not valid BCD, out of range, or the date does not exist.</returns>
        public static bool TryDecode(byte[] registers, int offset, out long unixMs)
        {
            unixMs = 0;
            if (offset < 0 || registers.Length - offset < Ds3231Registers.TimeRegisterCount)
            {
                return false;
            }

            int second;
            int minute;
            int hour;
            int date;
            int month;
            int yearInCentury;
            if (!TryFromBcd(registers[offset + Ds3231Registers.Seconds], 59, out second)
                || !TryFromBcd(registers[offset + Ds3231Registers.Minutes], 59, out minute)
                || !TryDecodeHour(registers[offset + Ds3231Registers.Hours], out hour)
                || !TryFromBcd(registers[offset + Ds3231Registers.Date], 31, out date)
                || !TryFromBcd((byte)(registers[offset + Ds3231Registers.MonthCentury] & ~Ds3231Registers.MonthCenturyBit), 12, out month)
                || !TryFromBcd(registers[offset + Ds3231Registers.Year], 99, out yearInCentury))
            {
                return false;
            }

            // The day-of-week register is not checked: its meaning is the writer's and the chip never compares it with the date.
            int year = FirstYear + yearInCentury + ((registers[offset + Ds3231Registers.MonthCentury] & Ds3231Registers.MonthCenturyBit) != 0 ? 100 : 0);
            if (month < 1 || date < 1 || date > DaysInMonth(year, month))
            {
                return false;
            }

            long unixDays = UnixDaysAt2000 + DaysSince2000(year, month, date);
            unixMs = (((unixDays * 24 + hour) * 60 + minute) * 60 + second) * MsPerSecond;
            return true;
        }

        /// <summary>
        /// Encodes a time into the seven time registers, in 24-hour mode. The chip counts whole seconds and restarts its
        /// second divider when the seconds register is written, so the time is rounded up to the next whole second: the
        /// clock then never reads earlier than the time it was set to (the firmware distrusts a clock that reads earlier
        /// than the last server time it saved), and is at most one second ahead.
        /// </summary>
        /// <param name="unixMs">The time, Unix epoch milliseconds.</param>
        /// <param name="registers">Destination.</param>
        /// <param name="offset">Index for the seconds register in <paramref name="registers"/>.</param>
        /// <returns>False (nothing written) when the time is outside 2000-2199.</returns>
        public static bool TryEncode(long unixMs, byte[] registers, int offset)
        {
            if (unixMs < FirstUnixMs || unixMs >= EndUnixMs || offset < 0 || registers.Length - offset < Ds3231Registers.TimeRegisterCount)
            {
                return false;
            }

            long seconds = (unixMs + MsPerSecond - 1) / MsPerSecond;
            if (seconds * MsPerSecond >= EndUnixMs)
            {
                return false;
            }

            long daysSince2000 = seconds / SecondsPerDay - UnixDaysAt2000;
            int secondOfDay = (int)(seconds % SecondsPerDay);
            int year;
            int month;
            int date;
            CivilFromDaysSince2000((int)daysSince2000, out year, out month, out date);

            registers[offset + Ds3231Registers.Seconds] = ToBcd(secondOfDay % 60);
            registers[offset + Ds3231Registers.Minutes] = ToBcd((secondOfDay / 60) % 60);
            registers[offset + Ds3231Registers.Hours] = ToBcd(secondOfDay / 3600);
            registers[offset + Ds3231Registers.Day] = (byte)IsoWeekday((int)daysSince2000);
            registers[offset + Ds3231Registers.Date] = ToBcd(date);
            registers[offset + Ds3231Registers.MonthCentury] = (byte)(ToBcd(month) | (year >= FirstYear + 100 ? Ds3231Registers.MonthCenturyBit : 0));
            registers[offset + Ds3231Registers.Year] = ToBcd(year % 100);
            return true;
        }

        /// <summary>Gregorian leap year.</summary>
        /// <param name="year">The year.</param>
        /// <returns>True for a leap year.</returns>
        public static bool IsLeapYear(int year)
        {
            return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        }

        /// <summary>Days in a month of a Gregorian year.</summary>
        /// <param name="year">The year.</param>
        /// <param name="month">1-12.</param>
        /// <returns>28-31.</returns>
        public static int DaysInMonth(int year, int month)
        {
            if (month == 2)
            {
                return IsLeapYear(year) ? 29 : 28;
            }

            return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        }

        private static bool TryDecodeHour(byte value, out int hour)
        {
            hour = 0;
            if ((value & 0x80) != 0)
            {
                return false;
            }

            if ((value & Ds3231Registers.Hours12HourMode) == 0)
            {
                return TryFromBcd((byte)(value & 0x3F), 23, out hour);
            }

            // 12-hour mode (a module set by another tool): 12 AM is midnight, 12 PM is noon.
            int twelveHour;
            if (!TryFromBcd((byte)(value & 0x1F), 12, out twelveHour) || twelveHour < 1)
            {
                return false;
            }

            hour = (twelveHour % 12) + ((value & Ds3231Registers.HoursPm) != 0 ? 12 : 0);
            return true;
        }

        private static bool TryFromBcd(byte value, int max, out int result)
        {
            int tens = value >> 4;
            int ones = value & 0x0F;
            result = tens * 10 + ones;
            return ones <= 9 && result <= max;
        }

        private static byte ToBcd(int value)
        {
            return (byte)(((value / 10) << 4) | (value % 10));
        }

        // Counting whole years and months is at most 200 + 12 steps over this range, and plainly right.
        private static int DaysSince2000(int year, int month, int date)
        {
            int days = 0;
            for (int y = FirstYear; y < year; y++)
            {
                days += IsLeapYear(y) ? 366 : 365;
            }

            for (int m = 1; m < month; m++)
            {
                days += DaysInMonth(year, m);
            }

            return days + date - 1;
        }

        private static void CivilFromDaysSince2000(int days, out int year, out int month, out int date)
        {
            year = FirstYear;
            int yearLength = IsLeapYear(year) ? 366 : 365;
            while (days >= yearLength)
            {
                days -= yearLength;
                year++;
                yearLength = IsLeapYear(year) ? 366 : 365;
            }

            month = 1;
            while (days >= DaysInMonth(year, month))
            {
                days -= DaysInMonth(year, month);
                month++;
            }

            date = days + 1;
        }

        // 1 = Monday .. 7 = Sunday; 2000-01-01 was a Saturday.
        private static int IsoWeekday(int daysSince2000)
        {
            return ((daysSince2000 + 5) % 7) + 1;
        }
    }
}
