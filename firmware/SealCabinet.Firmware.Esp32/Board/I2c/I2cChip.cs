using System;
using System.Device.I2c;

namespace SealCabinet.Firmware.Esp32.Board.I2c
{
    /// <summary>
    /// One chip on the <see cref="SharedI2cBus"/>: each transfer holds the bus lock and reports plainly whether it
    /// completed. A chip that does not answer (not fitted, unplugged, held in reset) gives false, never an exception, so a
    /// faulty part cannot stop the thread that polls it.
    /// </summary>
    public sealed class I2cChip
    {
        private readonly object _busLock;
        private readonly I2cDevice _device;

        internal I2cChip(object busLock, I2cDevice device)
        {
            _busLock = busLock;
            _device = device;
        }

        /// <summary>Writes bytes (register address first, where the chip has registers).</summary>
        /// <param name="data">The bytes.</param>
        /// <returns>True when every byte was acknowledged.</returns>
        public bool Write(byte[] data)
        {
            lock (_busLock)
            {
                try
                {
                    return _device.Write(new SpanByte(data)).Status == I2cTransferStatus.FullTransfer;
                }
                catch (Exception)
                {
                    return false;
                }
            }
        }

        /// <summary>Reads bytes.</summary>
        /// <param name="buffer">Filled completely.</param>
        /// <returns>True when the whole buffer was read.</returns>
        public bool Read(byte[] buffer)
        {
            lock (_busLock)
            {
                try
                {
                    return _device.Read(new SpanByte(buffer)).Status == I2cTransferStatus.FullTransfer;
                }
                catch (Exception)
                {
                    return false;
                }
            }
        }

        /// <summary>Writes then reads with a repeated start (a register read: the register address, then its contents).</summary>
        /// <param name="write">Bytes to write.</param>
        /// <param name="read">Filled completely.</param>
        /// <returns>True when both parts completed.</returns>
        public bool WriteRead(byte[] write, byte[] read)
        {
            lock (_busLock)
            {
                try
                {
                    return _device.WriteRead(new SpanByte(write), new SpanByte(read)).Status == I2cTransferStatus.FullTransfer;
                }
                catch (Exception)
                {
                    return false;
                }
            }
        }
    }
}
