using SealCabinet.Firmware.Core.Hardware.Parts;

namespace SealCabinet.Firmware.Core.Tests.Hardware.Parts;

/// <summary>
/// The PN532 host link frames against the user manual's frame format (00 00 FF LEN LCS TFI PD.. DCS 00, LEN + LCS = 0,
/// TFI + PD.. + DCS = 0), its ACK frame and its examples; the frames here are written out byte by byte.
/// </summary>
[TestFixture]
public sealed class Pn532FrameTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    [Test]
    public void GetFirmwareVersion_is_framed_as_in_the_user_manual()
    {
        Assert.That(Pn532Frame.BuildCommand(0x02, []), Is.EqualTo(Hex("00 00 FF 02 FE D4 02 2A 00")));
    }

    [Test]
    public void SamConfiguration_with_the_irq_line_is_the_widely_logged_frame()
    {
        Assert.That(Pn532Frame.BuildCommand(0x14, [0x01, 0x14, 0x01]), Is.EqualTo(Hex("00 00 FF 05 FB D4 14 01 14 01 02 00")));
    }

    [Test]
    public void The_readers_own_commands_carry_correct_length_and_data_checksums()
    {
        Assert.That(
            Pn532Frame.BuildCommand(Pn532Commands.SamConfiguration, Pn532Commands.SamConfigurationNormal()),
            Is.EqualTo(Hex("00 00 FF 05 FB D4 14 01 14 00 03 00")));
        Assert.That(
            Pn532Frame.BuildCommand(Pn532Commands.InListPassiveTarget, Pn532Commands.ListOneTypeACard()),
            Is.EqualTo(Hex("00 00 FF 04 FC D4 4A 01 00 E1 00")));
        Assert.That(
            Pn532Frame.BuildCommand(Pn532Commands.RfConfiguration, Pn532Commands.MaxRetries(0x02)),
            Is.EqualTo(Hex("00 00 FF 06 FA D4 32 05 FF 01 02 F3 00")));
    }

    [Test]
    public void The_ack_frame_is_00_00_FF_00_FF_00_and_is_recognised()
    {
        Assert.That(Pn532Frame.Ack(), Is.EqualTo(Hex("00 00 FF 00 FF 00")));
        Assert.That(Pn532Frame.IsAck(Hex("01 00 00 FF 00 FF 00"), 1, 6), Is.True, "behind the I2C status byte");
    }

    [TestCase("00 00 FF FF 00 00", TestName = "the NACK frame is no ACK")]
    [TestCase("00 00 FF 01 FF 7F", TestName = "the error frame is no ACK")]
    [TestCase("00 00 FF 00 FF", TestName = "five bytes are no ACK")]
    [TestCase("00 00 00 00 00 00", TestName = "zeros read from a chip not ready are no ACK")]
    public void Anything_else_is_not_an_ack(string bytes)
    {
        byte[] buffer = Hex(bytes);

        Assert.That(Pn532Frame.IsAck(buffer, 0, buffer.Length), Is.False);
    }

    [Test]
    public void The_firmware_version_answer_of_the_user_manual_parses_to_its_data()
    {
        // IC 0x32 (PN532), version 1, revision 6, support 7.
        byte[] answer = Hex("00 00 FF 06 FA D5 03 32 01 06 07 E8 00");

        Assert.That(Pn532Frame.ParseResponse(answer, 0, answer.Length, 0x02), Is.EqualTo(Hex("32 01 06 07")));
    }

    [Test]
    public void An_answer_read_over_i2c_is_parsed_behind_the_status_byte_with_trailing_bytes_ignored()
    {
        byte[] read = Hex("01 00 00 FF 02 FE D5 15 16 00 00 00 00 00");

        Assert.That(Pn532Frame.IsReady(read[0]), Is.True);
        Assert.That(Pn532Frame.ParseResponse(read, 1, read.Length - 1, Pn532Commands.SamConfiguration), Is.Empty);
    }

    [Test]
    public void A_frame_without_its_preamble_is_accepted()
    {
        byte[] answer = Hex("00 FF 02 FE D5 15 16 00");

        Assert.That(Pn532Frame.ParseResponse(answer, 0, answer.Length, Pn532Commands.SamConfiguration), Is.Empty);
    }

    [Test]
    public void A_status_byte_without_the_ready_bit_means_not_ready()
    {
        Assert.That(Pn532Frame.IsReady(0x00), Is.False);
        Assert.That(Pn532Frame.IsReady(0x01), Is.True);
    }

    [TestCase("00 00 FF 06 FB D5 03 32 01 06 07 E8 00", TestName = "a wrong length checksum is refused")]
    [TestCase("00 00 FF 06 FA D5 03 32 01 06 07 E9 00", TestName = "a wrong data checksum is refused")]
    [TestCase("00 00 FF 06 FA D5 03 32 01 16 07 E8 00", TestName = "a flipped data bit is refused")]
    [TestCase("00 00 FF 06 FA D4 03 32 01 06 07 E9 00", TestName = "a frame from the host is refused")]
    [TestCase("00 00 FF 06 FA D5 03 32 01 06", TestName = "a frame cut short is refused")]
    [TestCase("00 00 FF 01 FF 7F 81 00", TestName = "the error frame is refused")]
    [TestCase("00 00 FF 00 FF 00", TestName = "an ack is no answer")]
    [TestCase("00 00 00 00 00 00 00 00", TestName = "zeros are no answer")]
    [TestCase("", TestName = "nothing is no answer")]
    public void Broken_or_foreign_frames_are_no_answer(string bytes)
    {
        byte[] buffer = Hex(bytes);

        Assert.That(Pn532Frame.ParseResponse(buffer, 0, buffer.Length, 0x02), Is.Null);
    }

    [Test]
    public void An_answer_to_another_command_is_refused()
    {
        byte[] answer = Hex("00 00 FF 06 FA D5 03 32 01 06 07 E8 00");

        Assert.That(Pn532Frame.ParseResponse(answer, 0, answer.Length, Pn532Commands.InListPassiveTarget), Is.Null);
    }

    [Test]
    public void A_count_beyond_the_buffer_is_refused_instead_of_read_past_its_end()
    {
        byte[] answer = Hex("00 00 FF 02 FE D5 15 16 00");

        Assert.That(Pn532Frame.ParseResponse(answer, 2, answer.Length, Pn532Commands.SamConfiguration), Is.Null);
    }

    [Test]
    public void Built_frames_satisfy_both_checksum_rules_for_every_parameter_length()
    {
        Random random = new(532);
        for (int length = 0; length <= 253; length++)
        {
            byte[] parameters = new byte[length];
            random.NextBytes(parameters);

            byte[] frame = Pn532Frame.BuildCommand(0x40, parameters);

            Assert.That(frame[..3], Is.EqualTo(Hex("00 00 FF")));
            Assert.That(frame[3], Is.EqualTo(length + 2), "LEN counts TFI, the command and its parameters");
            Assert.That((frame[3] + frame[4]) & 0xFF, Is.Zero, "LEN + LCS");
            Assert.That(frame[5..^1].Sum(b => b) & 0xFF, Is.Zero, "TFI + PD + DCS");
            Assert.That(frame[^1], Is.Zero, "postamble");
            Assert.That(frame[7..^2], Is.EqualTo(parameters));
        }
    }

    [Test]
    public void Parameters_too_long_for_a_normal_frame_are_refused()
    {
        Assert.That(() => Pn532Frame.BuildCommand(0x40, new byte[254]), Throws.ArgumentException);
    }
}
