using System;
using System.IO.Ports;
using nanoFramework.Hardware.Esp32;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.Firmware.Esp32.Board.Camera
{
    /// <summary>
    /// <see cref="ICameraCapture"/> for a serial JPEG camera speaking the VC0706 protocol (the common TTL "serial
    /// JPEG camera" modules) on UART1 (COM2). The firmware pulses the camera-trigger output (illumination) and then
    /// calls <see cref="Capture"/>, which freezes the current frame, reads its length, reads the JPEG back in
    /// chunks and resumes the live frame. Any protocol error, timeout or oversize image gives null (the core
    /// records a camera fault instead of evidence).
    /// </summary>
    public sealed class Vc0706Camera : ICameraCapture
    {
        private const byte Serial = 0x00;
        private const byte CmdFbufCtrl = 0x36;
        private const byte CmdGetFbufLen = 0x34;
        private const byte CmdReadFbuf = 0x32;
        private const byte StopCurrentFrame = 0x00;
        private const byte ResumeFrame = 0x03;
        private const int ChunkBytes = 512;

        private readonly SerialPort _port;
        private readonly int _maxImageBytes;
        private readonly byte[] _reply = new byte[16];

        /// <summary>Routes UART1 to the camera pins and opens it (8N1).</summary>
        /// <param name="txPin">ESP32 TX pin (to camera RX).</param>
        /// <param name="rxPin">ESP32 RX pin (from camera TX).</param>
        /// <param name="baudRate">UART speed.</param>
        /// <param name="maxImageBytes">Largest JPEG accepted.</param>
        public Vc0706Camera(int txPin, int rxPin, int baudRate, int maxImageBytes)
        {
            Configuration.SetPinFunction(txPin, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(rxPin, DeviceFunction.COM2_RX);
            _maxImageBytes = maxImageBytes;
            _port = new SerialPort("COM2", baudRate, Parity.None, 8, StopBits.One);
            _port.ReadTimeout = 1000;
            _port.Open();
        }

        /// <inheritdoc />
        public byte[]? Capture(EvidenceKind kind)
        {
            try
            {
                if (!Command(CmdFbufCtrl, new byte[] { StopCurrentFrame }, 5))
                {
                    return null;
                }

                byte[]? image = ReadFrame();
                Command(CmdFbufCtrl, new byte[] { ResumeFrame }, 5);
                return image;
            }
            catch (Exception)
            {
                // A timeout or a UART error leaves no usable image; the next capture starts with a fresh freeze.
                return null;
            }
        }

        private byte[]? ReadFrame()
        {
            if (!Command(CmdGetFbufLen, new byte[] { 0x00 }, 9) || _reply[4] != 4)
            {
                return null;
            }

            int length = (_reply[5] << 24) | (_reply[6] << 16) | (_reply[7] << 8) | _reply[8];
            if (length <= 0 || length > _maxImageBytes)
            {
                return null;
            }

            byte[] image = new byte[length];
            int address = 0;
            while (address < length)
            {
                int chunk = length - address > ChunkBytes ? ChunkBytes : length - address;
                byte[] args = new byte[]
                {
                    0x00, 0x0A,
                    (byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)address,
                    (byte)(chunk >> 24), (byte)(chunk >> 16), (byte)(chunk >> 8), (byte)chunk,
                    0x00, 0x0A,
                };
                Send(CmdReadFbuf, args);
                if (!ReadReply(CmdReadFbuf, 5) || !ReadExactly(image, address, chunk) || !ReadReply(CmdReadFbuf, 5))
                {
                    return null;
                }

                address += chunk;
            }

            return image;
        }

        private bool Command(byte command, byte[] args, int replyLength)
        {
            Send(command, args);
            return ReadReply(command, replyLength);
        }

        private void Send(byte command, byte[] args)
        {
            byte[] frame = new byte[4 + args.Length];
            frame[0] = 0x56;
            frame[1] = Serial;
            frame[2] = command;
            frame[3] = (byte)args.Length;
            Array.Copy(args, 0, frame, 4, args.Length);
            _port.Write(frame, 0, frame.Length);
        }

        private bool ReadReply(byte command, int length)
        {
            // Reply: 0x76, serial, command, status (0 = OK), data length, data...
            return ReadExactly(_reply, 0, length) && _reply[0] == 0x76 && _reply[1] == Serial && _reply[2] == command && _reply[3] == 0x00;
        }

        private bool ReadExactly(byte[] buffer, int offset, int count)
        {
            int done = 0;
            while (done < count)
            {
                int read = _port.Read(buffer, offset + done, count - done);
                if (read <= 0)
                {
                    return false;
                }

                done += read;
            }

            return true;
        }
    }
}
