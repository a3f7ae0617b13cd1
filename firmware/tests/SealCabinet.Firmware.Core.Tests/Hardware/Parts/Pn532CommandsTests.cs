using SealCabinet.Firmware.Core.Hardware.Parts;

namespace SealCabinet.Firmware.Core.Tests.Hardware.Parts;

/// <summary>
/// The InListPassiveTarget answer for 106 kbps type A (user manual: NbTg, then Tg, SENS_RES, SEL_RES, NFCIDLength,
/// NFCID1, optional ATS) turned into the card's UID, from whole frames as the PN532 sends them.
/// </summary>
[TestFixture]
public sealed class Pn532CommandsTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    private static byte[]? UidFromFrame(string frame)
    {
        byte[] bytes = Hex(frame);
        byte[]? answer = Pn532Frame.ParseResponse(bytes, 0, bytes.Length, Pn532Commands.InListPassiveTarget);
        return answer == null ? null : Pn532Commands.FirstTypeAUid(answer);
    }

    [Test]
    public void A_mifare_classic_card_gives_its_four_byte_uid()
    {
        // NbTg 1, Tg 1, SENS_RES 00 04, SEL_RES 08, length 4, UID DE AD BE EF.
        Assert.That(UidFromFrame("00 00 FF 0C F4 D5 4B 01 01 00 04 08 04 DE AD BE EF 96 00"), Is.EqualTo(Hex("DE AD BE EF")));
    }

    [Test]
    public void An_ultralight_card_gives_its_seven_byte_uid()
    {
        byte[] answer = Hex("01 01 00 44 00 07 04 11 22 33 44 55 66");

        Assert.That(Pn532Commands.FirstTypeAUid(answer), Is.EqualTo(Hex("04 11 22 33 44 55 66")));
    }

    [Test]
    public void A_desfire_card_gives_its_uid_and_its_ats_is_left_aside()
    {
        // SENS_RES 03 44, SEL_RES 20 (ISO/IEC 14443-4), 7-byte UID, then the ATS 06 75 77 81 02 80.
        byte[] answer = Hex("01 01 03 44 20 07 04 A1 B2 C3 D4 E5 80 06 75 77 81 02 80");

        Assert.That(Pn532Commands.FirstTypeAUid(answer), Is.EqualTo(Hex("04 A1 B2 C3 D4 E5 80")));
    }

    [Test]
    public void A_triple_size_uid_of_ten_bytes_is_taken()
    {
        byte[] answer = Hex("01 01 00 44 00 0A 01 02 03 04 05 06 07 08 09 0A");

        Assert.That(Pn532Commands.FirstTypeAUid(answer), Is.EqualTo(Hex("01 02 03 04 05 06 07 08 09 0A")));
    }

    [Test]
    public void No_card_in_the_field_gives_no_uid()
    {
        Assert.That(UidFromFrame("00 00 FF 03 FD D5 4B 00 E0 00"), Is.Null);
    }

    [TestCase("01 01 00 04 08 05 DE AD BE EF 01", TestName = "a five-byte uid length is refused")]
    [TestCase("01 01 00 04 08 07 DE AD BE EF", TestName = "a uid shorter than its length is refused")]
    [TestCase("01 01 00 04 08", TestName = "an answer without the uid length is refused")]
    [TestCase("", TestName = "an empty answer is refused")]
    public void Malformed_answers_give_no_uid(string answer)
    {
        Assert.That(Pn532Commands.FirstTypeAUid(Hex(answer)), Is.Null);
    }

    [Test]
    public void The_poll_asks_for_one_type_a_card_and_few_retries()
    {
        Assert.That(Pn532Commands.ListOneTypeACard(), Is.EqualTo(Hex("01 00")));
        Assert.That(Pn532Commands.MaxRetries(0x02), Is.EqualTo(Hex("05 FF 01 02")), "item 5: MxRtyATR, MxRtyPSL, MxRtyPassiveActivation");
        Assert.That(Pn532Commands.SamConfigurationNormal()[0], Is.EqualTo(0x01), "normal mode");
    }
}
