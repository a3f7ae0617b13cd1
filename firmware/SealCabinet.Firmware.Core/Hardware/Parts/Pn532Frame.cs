namespace SealCabinet.Firmware.Core.Hardware.Parts
{
    /// <summary>
    /// The PN532's host link frames (NXP PN532 User Manual, "Host controller communication protocol"): the normal
    /// information frame PREAMBLE 00, START CODE 00 FF, LEN, LCS, TFI, PD0..PDn, DCS, POSTAMBLE 00, where LEN counts TFI
    /// and the data, LEN + LCS = 0 and TFI + PD0 + .. + PDn + DCS = 0 (mod 256); TFI is D4 from the host and D5 from
    /// the PN532, whose answer carries the command code plus one. Also the ACK frame the PN532 sends before each answer
    /// (and the host sends to abort a command), and the I2C status byte that precedes everything the host reads.
    /// Extended frames (LEN = FF FF) are never needed here: no command or answer this firmware uses exceeds 254 bytes.
    /// </summary>
    public static class Pn532Frame
    {
        /// <summary>Frame identifier of a frame from the host to the PN532.</summary>
        public const byte HostToPn532 = 0xD4;

        /// <summary>Frame identifier of a frame from the PN532 to the host.</summary>
        public const byte Pn532ToHost = 0xD5;

        /// <summary>Frame identifier of the PN532's syntax error frame ("application level error").</summary>
        public const byte ErrorFrameIdentifier = 0x7F;

        /// <summary>Length of the ACK frame.</summary>
        public const int AckLength = 6;

        /// <summary>Bytes a normal information frame adds around TFI and the data: preamble, start code, LEN, LCS, DCS, postamble.</summary>
        public const int Overhead = 7;

        /// <summary>Largest number of data bytes (after TFI) in a normal information frame.</summary>
        public const int MaxDataLength = 254;

        /// <summary>The I2C status byte's ready bit: set when the PN532 has a frame for the host.</summary>
        public const byte StatusReady = 0x01;

        /// <summary>A new ACK frame: 00 00 FF 00 FF 00.</summary>
        /// <returns>The frame.</returns>
        public static byte[] Ack()
        {
            return new byte[] { 0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00 };
        }

        /// <summary>Whether the I2C status byte says a frame is ready to be read.</summary>
        /// <param name="status">The first byte of any I2C read from the PN532.</param>
        /// <returns>True when ready.</returns>
        public static bool IsReady(byte status)
        {
            return (status & StatusReady) != 0;
        }

        /// <summary>Builds the normal information frame of a command from the host.</summary>
        /// <param name="command">The command code (PD0).</param>
        /// <param name="parameters">The command's parameters (PD1..PDn); may be empty.</param>
        /// <returns>The frame, preamble to postamble.</returns>
        public static byte[] BuildCommand(byte command, byte[] parameters)
        {
            if (parameters.Length + 1 > MaxDataLength)
            {
                throw new System.ArgumentException("PN532 command parameters too long for a normal frame");
            }

            int length = parameters.Length + 2;
            byte[] frame = new byte[length + Overhead];
            frame[0] = 0x00;
            frame[1] = 0x00;
            frame[2] = 0xFF;
            frame[3] = (byte)length;
            frame[4] = (byte)(0x100 - length);
            frame[5] = HostToPn532;
            frame[6] = command;
            int sum = HostToPn532 + command;
            for (int i = 0; i < parameters.Length; i++)
            {
                frame[7 + i] = parameters[i];
                sum += parameters[i];
            }

            frame[7 + parameters.Length] = (byte)(0x100 - (sum & 0xFF));
            frame[8 + parameters.Length] = 0x00;
            return frame;
        }

        /// <summary>Whether the bytes are the ACK frame.</summary>
        /// <param name="buffer">Bytes read from the PN532 (without the I2C status byte).</param>
        /// <param name="offset">Start of the frame.</param>
        /// <param name="count">Bytes available from <paramref name="offset"/>.</param>
        /// <returns>True for 00 00 FF 00 FF 00.</returns>
        public static bool IsAck(byte[] buffer, int offset, int count)
        {
            if (offset < 0 || count < AckLength || buffer.Length - offset < AckLength)
            {
                return false;
            }

            byte[] ack = Ack();
            for (int i = 0; i < AckLength; i++)
            {
                if (buffer[offset + i] != ack[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Finds and checks the PN532's answer to <paramref name="command"/> and returns what follows the answer code.
        /// </summary>
        /// <param name="buffer">Bytes read from the PN532 (without the I2C status byte).</param>
        /// <param name="offset">Start of the frame (its preamble, or directly its start code).</param>
        /// <param name="count">Bytes available from <paramref name="offset"/>.</param>
        /// <param name="command">The command that was sent; the answer must carry its code plus one.</param>
        /// <returns>
        /// The answer's data after the code (possibly empty), or null when the bytes are no complete, correct answer to
        /// that command: an ACK, the error frame, a wrong start code, a bad LCS or DCS, a frame cut short, or another code.
        /// </returns>
        public static byte[]? ParseResponse(byte[] buffer, int offset, int count, byte command)
        {
            if (offset < 0 || count < 0 || buffer.Length - offset < count)
            {
                return null;
            }

            // The preamble is optional on the wire: accept the start code at the first or second position.
            int at = offset;
            int end = offset + count;
            if (at + 1 < end && buffer[at] == 0x00 && buffer[at + 1] == 0x00)
            {
                at++;
            }

            if (at + 4 > end || buffer[at] != 0x00 || buffer[at + 1] != 0xFF)
            {
                return null;
            }

            int length = buffer[at + 2];
            if (((length + buffer[at + 3]) & 0xFF) != 0 || length < 2)
            {
                // Covers the ACK (LEN 0) and the error frame (LEN 1, TFI 7F), and any corrupted length.
                return null;
            }

            int tfi = at + 4;
            if (tfi + length + 1 > end || buffer[tfi] != Pn532ToHost)
            {
                return null;
            }

            int sum = 0;
            for (int i = 0; i <= length; i++)
            {
                sum += buffer[tfi + i];
            }

            if ((sum & 0xFF) != 0 || buffer[tfi + 1] != (byte)(command + 1))
            {
                return null;
            }

            byte[] data = new byte[length - 2];
            System.Array.Copy(buffer, tfi + 2, data, 0, data.Length);
            return data;
        }
    }
}
