namespace SealCabinet.Firmware.Core.Hardware.Parts
{
    /// <summary>
    /// The few PN532 commands the card reader needs (NXP PN532 User Manual, "Commands supported"), their parameters,
    /// and the decoding of the InListPassiveTarget answer into the card's UID.
    /// </summary>
    public static class Pn532Commands
    {
        /// <summary>The PN532's fixed 7-bit I2C address.</summary>
        public const int I2cAddress = 0x24;

        /// <summary>SAMConfiguration: leaves the power-up low-battery state and selects the normal mode.</summary>
        public const byte SamConfiguration = 0x14;

        /// <summary>RFConfiguration: sets RF parameters such as the retry counts.</summary>
        public const byte RfConfiguration = 0x32;

        /// <summary>InListPassiveTarget: looks for cards in the field.</summary>
        public const byte InListPassiveTarget = 0x4A;

        /// <summary>RFConfiguration item 5: MxRtyATR, MxRtyPSL, MxRtyPassiveActivation.</summary>
        public const byte RfItemMaxRetries = 0x05;

        /// <summary>InListPassiveTarget baud rate / modulation 00: 106 kbps type A (ISO/IEC 14443 type A, MIFARE).</summary>
        public const byte TypeA106Kbps = 0x00;

        /// <summary>
        /// SAMConfiguration parameters: mode 01 (normal, no SAM), virtual card timeout 14 (20 × 50 ms, unused in
        /// normal mode), IRQ 00 (the PN532 does not drive its IRQ line: it is not wired, and readiness is read from the I2C
        /// status byte instead).
        /// </summary>
        /// <returns>The parameters.</returns>
        public static byte[] SamConfigurationNormal()
        {
            return new byte[] { 0x01, 0x14, 0x00 };
        }

        /// <summary>
        /// RFConfiguration parameters for the retry counts. The power-up default of MxRtyPassiveActivation is FF, retry
        /// for ever: InListPassiveTarget would then answer only once a card comes. With a small count every poll answers
        /// within milliseconds, with or without a card, so the poll can also tell when the card is gone.
        /// </summary>
        /// <param name="passiveActivationRetries">Retries of the passive activation (0 = one try).</param>
        /// <returns>The parameters.</returns>
        public static byte[] MaxRetries(byte passiveActivationRetries)
        {
            // MxRtyATR FF and MxRtyPSL 01 are the power-up defaults; they concern active (peer-to-peer) mode only.
            return new byte[] { RfItemMaxRetries, 0xFF, 0x01, passiveActivationRetries };
        }

        /// <summary>InListPassiveTarget parameters: at most one card, 106 kbps type A.</summary>
        /// <returns>The parameters.</returns>
        public static byte[] ListOneTypeACard()
        {
            return new byte[] { 0x01, TypeA106Kbps };
        }

        /// <summary>
        /// The UID of the first card in an InListPassiveTarget answer for 106 kbps type A. The answer is NbTg, then per
        /// target: Tg, SENS_RES (2 bytes), SEL_RES, NFCIDLength, NFCID1 (the UID), and for ISO/IEC 14443-4 cards the ATS.
        /// </summary>
        /// <param name="answer">The answer data after the answer code (as returned by <see cref="Pn532Frame.ParseResponse"/>).</param>
        /// <returns>The UID (4, 7 or 10 bytes), or null when no card was found or the answer is malformed.</returns>
        public static byte[]? FirstTypeAUid(byte[] answer)
        {
            if (answer.Length < 1 || answer[0] < 1)
            {
                return null;
            }

            // NbTg, Tg, SENS_RES (2), SEL_RES: the UID length is the sixth byte.
            const int LengthAt = 5;
            if (answer.Length < LengthAt + 1)
            {
                return null;
            }

            int length = answer[LengthAt];
            if ((length != 4 && length != 7 && length != 10) || answer.Length < LengthAt + 1 + length)
            {
                // ISO/IEC 14443-3 allows only single (4), double (7) and triple (10) size UIDs.
                return null;
            }

            byte[] uid = new byte[length];
            System.Array.Copy(answer, LengthAt + 1, uid, 0, length);
            return uid;
        }
    }
}
