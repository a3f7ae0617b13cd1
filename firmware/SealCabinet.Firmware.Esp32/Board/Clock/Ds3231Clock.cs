using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Hardware.Parts;
using SealCabinet.Firmware.Esp32.Board.I2c;

namespace SealCabinet.Firmware.Esp32.Board.Clock
{
    /// <summary>
    /// <see cref="IRealTimeClock"/> for a DS3231 with its backup battery, sole owner of its address; used on the
    /// firmware thread only. A read takes registers 0x00-0x0F in one transfer (the chip copies its counters into the
    /// read buffer at the start, so the fields belong to the same second) and believes them only when OSF is clear
    /// (<see cref="Ds3231Time"/>). Setting writes the time, then clears OSF and EOSC: a power cut between the two
    /// leaves OSF set, so a half-done setting reads as no time rather than as a wrong one.
    /// </summary>
    public sealed class Ds3231Clock : IRealTimeClock
    {
        private readonly I2cChip _chip;

        /// <summary>Takes the chip.</summary>
        /// <param name="chip">The DS3231 at its address.</param>
        public Ds3231Clock(I2cChip chip)
        {
            _chip = chip;
        }

        /// <inheritdoc />
        public bool TryRead(out long unixMs)
        {
            unixMs = 0;
            byte[] registers = new byte[Ds3231Registers.RegistersThroughStatus];
            if (!_chip.WriteRead(new byte[] { Ds3231Registers.Seconds }, registers))
            {
                return false;
            }

            return Ds3231Time.TryReadClock(registers, out unixMs);
        }

        /// <inheritdoc />
        public void Write(long unixMs)
        {
            byte[] time = new byte[1 + Ds3231Registers.TimeRegisterCount];
            time[0] = Ds3231Registers.Seconds;
            byte[] controlAndStatus = new byte[2];

            // Outside 2000-2199 nothing is written; a chip that does not answer is left alone (the next server answer retries).
            if (!Ds3231Time.TryEncode(unixMs, time, 1)
                || !_chip.WriteRead(new byte[] { Ds3231Registers.Control }, controlAndStatus)
                || !_chip.Write(time))
            {
                return;
            }

            _chip.Write(new byte[]
            {
                Ds3231Registers.Control,
                Ds3231Time.ControlAfterSetting(controlAndStatus[0]),
                Ds3231Time.StatusAfterSetting(controlAndStatus[1]),
            });
        }
    }
}
