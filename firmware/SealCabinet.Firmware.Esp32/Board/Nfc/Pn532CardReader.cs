using System;
using System.Threading;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Hardware.Parts;
using SealCabinet.Firmware.Esp32.Board.I2c;

namespace SealCabinet.Firmware.Esp32.Board.Nfc
{
    /// <summary>
    /// <see cref="ICardReader"/> for a PN532 in I2C mode, sole owner of its address. Its own thread configures the chip
    /// (SAMConfiguration normal mode, few passive-activation retries) and then asks every <see cref="PollIntervalMs"/>
    /// for one ISO/IEC 14443 type A card; <see cref="CardPresence"/> turns the polls into one report per presentation.
    /// Each exchange is the PN532's I2C handshake: write the command frame, wait for the status byte's ready bit, read
    /// the ACK frame, wait again, read the answer frame; the IRQ line is not wired, so readiness is polled, each read
    /// holding the bus lock only for its own transfer so the keypad keeps scanning meanwhile. A reader that stops
    /// answering is configured again (it may have been unplugged or reset) every <see cref="RetryMs"/>.
    /// </summary>
    public sealed class Pn532CardReader : ICardReader
    {
        /// <summary>Time between two polls for a card.</summary>
        public const int PollIntervalMs = 250;

        /// <summary>Time between two attempts to configure a reader that does not answer.</summary>
        public const int RetryMs = 2000;

        /// <summary>Polls without the card after which it counts as taken away (half a second).</summary>
        public const int AbsentPollsToForget = 2;

        // With 2 retries a poll without a card answers in a few tens of milliseconds.
        private const byte PassiveActivationRetries = 0x02;
        private const int AckTimeoutMs = 50;
        private const int AnswerTimeoutMs = 250;
        private const int ReadyPollMs = 5;
        private const int WriteAttempts = 3;

        // The I2C status byte plus a frame of up to 80 bytes: room for a 10-byte UID and an ATS of over 40 bytes. A longer
        // answer is cut short, fails its checksum and reads as no card.
        private const int AnswerBufferLength = 1 + 80;

        private readonly I2cChip _chip;
        private readonly CardPresence _presence = new CardPresence(AbsentPollsToForget);
        private readonly byte[] _listCommand = Pn532Frame.BuildCommand(Pn532Commands.InListPassiveTarget, Pn532Commands.ListOneTypeACard());
        private readonly byte[] _status = new byte[1];
        private readonly byte[] _ack = new byte[1 + Pn532Frame.AckLength];
        private readonly byte[] _answer = new byte[AnswerBufferLength];
        private CardPresentedHandler? _handler;
        private bool _configured;

        /// <summary>Takes the chip; <see cref="Start"/> starts polling.</summary>
        /// <param name="chip">The PN532 at its address.</param>
        public Pn532CardReader(I2cChip chip)
        {
            _chip = chip;
        }

        /// <inheritdoc />
        public void SetCardHandler(CardPresentedHandler? handler)
        {
            _handler = handler;
        }

        /// <summary>Starts the polling thread.</summary>
        public void Start()
        {
            Thread thread = new Thread(Run);
            thread.Start();
        }

        private void Run()
        {
            while (true)
            {
                int pauseMs = PollIntervalMs;
                try
                {
                    if (!_configured)
                    {
                        _configured = Configure();
                    }

                    if (_configured)
                    {
                        byte[]? answer = Exchange(_listCommand, Pn532Commands.InListPassiveTarget);

                        // A failed exchange counts as a poll without a card, and the reader is set up again first.
                        _configured = answer != null;
                        byte[]? uid = _presence.Update(answer == null ? null : Pn532Commands.FirstTypeAUid(answer));
                        CardPresentedHandler? handler = _handler;
                        if (uid != null && handler != null)
                        {
                            handler(uid);
                        }
                    }
                    else
                    {
                        pauseMs = RetryMs;
                    }
                }
                catch (Exception)
                {
                    // A failing handler must not end the polling.
                }

                Thread.Sleep(pauseMs);
            }
        }

        private bool Configure()
        {
            return Exchange(Pn532Frame.BuildCommand(Pn532Commands.SamConfiguration, Pn532Commands.SamConfigurationNormal()), Pn532Commands.SamConfiguration) != null
                && Exchange(Pn532Frame.BuildCommand(Pn532Commands.RfConfiguration, Pn532Commands.MaxRetries(PassiveActivationRetries)), Pn532Commands.RfConfiguration) != null;
        }

        private byte[]? Exchange(byte[] frame, byte command)
        {
            if (!WriteFrame(frame)
                || !WaitReady(AckTimeoutMs)
                || !_chip.Read(_ack)
                || !Pn532Frame.IsReady(_ack[0])
                || !Pn532Frame.IsAck(_ack, 1, Pn532Frame.AckLength))
            {
                return null;
            }

            if (!WaitReady(AnswerTimeoutMs))
            {
                // An ACK from the host aborts the command, so the next one starts clean.
                _chip.Write(Pn532Frame.Ack());
                return null;
            }

            if (!_chip.Read(_answer) || !Pn532Frame.IsReady(_answer[0]))
            {
                return null;
            }

            return Pn532Frame.ParseResponse(_answer, 1, _answer.Length - 1, command);
        }

        // The PN532 may leave its address unacknowledged while it wakes up from its power-up state.
        private bool WriteFrame(byte[] frame)
        {
            for (int attempt = 0; attempt < WriteAttempts; attempt++)
            {
                if (_chip.Write(frame))
                {
                    return true;
                }

                Thread.Sleep(2);
            }

            return false;
        }

        private bool WaitReady(int timeoutMs)
        {
            long deadline = Environment.TickCount64 + timeoutMs;
            while (true)
            {
                Thread.Sleep(ReadyPollMs);
                if (_chip.Read(_status) && Pn532Frame.IsReady(_status[0]))
                {
                    return true;
                }

                if (Environment.TickCount64 >= deadline)
                {
                    return false;
                }
            }
        }
    }
}
