using System;
using System.Device.I2c;
using nanoFramework.Hardware.Esp32;

namespace SealCabinet.Firmware.Esp32.Board.I2c
{
    /// <summary>
    /// The board's one I2C bus (nanoFramework's I2C1, the ESP32's I2C port 0), shared by the expander, the real-time
    /// clock and the card reader, whose drivers run on three threads (keypad scan, card poll, firmware). Every transfer
    /// on it goes through one lock, so a transfer is never interleaved with another; each chip has exactly one owner
    /// (<see cref="Open"/> refuses a second one for the same address), so only that owner keeps the chip's state.
    /// </summary>
    public sealed class SharedI2cBus
    {
        /// <summary>nanoFramework's bus number: I2C1 (the native driver subtracts one for the ESP32 port).</summary>
        public const int BusId = 1;

        private readonly object _lock = new object();
        private readonly bool[] _opened = new bool[128];

        /// <summary>
        /// Routes I2C1 to the given pins. This must come before the first device is opened: nanoFramework's default
        /// I2C1 pins on the ESP32 are GPIO 18/19, which carry two seal-seated sensors on this board.
        /// </summary>
        /// <param name="dataPin">SDA GPIO.</param>
        /// <param name="clockPin">SCL GPIO.</param>
        public SharedI2cBus(int dataPin, int clockPin)
        {
            Configuration.SetPinFunction(dataPin, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(clockPin, DeviceFunction.I2C1_CLOCK);
        }

        /// <summary>Opens the chip at an address; call once per chip.</summary>
        /// <param name="address">7-bit I2C address.</param>
        /// <returns>The chip's only handle.</returns>
        public I2cChip Open(int address)
        {
            lock (_lock)
            {
                if (address < 0 || address >= _opened.Length || _opened[address])
                {
                    throw new InvalidOperationException("I2C address opened twice or out of range: " + address.ToString());
                }

                _opened[address] = true;

                // 100 kHz for every chip: the native driver applies the speed of each device opened to the whole bus, so
                // they must agree; standard mode also tolerates the cable to the front-panel card reader.
                return new I2cChip(_lock, new I2cDevice(new I2cConnectionSettings(BusId, address, I2cBusSpeed.StandardMode)));
            }
        }
    }
}
