using SealCabinet.Firmware.Core.Hardware.Parts;

namespace SealCabinet.Firmware.Core.Tests.Hardware.Parts;

/// <summary>One report per card presentation, from the reader's polls (null = no card found).</summary>
[TestFixture]
public sealed class CardPresenceTests
{
    private static readonly byte[] Alice = [0xDE, 0xAD, 0xBE, 0xEF];
    private static readonly byte[] Bob = [0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66];

    private static List<byte[]> Feed(CardPresence presence, params byte[]?[] polls)
    {
        List<byte[]> reported = [];
        foreach (byte[]? poll in polls)
        {
            byte[]? uid = presence.Update(poll);
            if (uid != null)
            {
                reported.Add(uid);
            }
        }

        return reported;
    }

    [Test]
    public void A_card_left_on_the_reader_is_reported_once()
    {
        Assert.That(Feed(new CardPresence(2), null, Alice, Alice, Alice, Alice), Is.EqualTo(new[] { Alice }));
    }

    [Test]
    public void A_card_taken_away_and_presented_again_is_reported_again()
    {
        Assert.That(Feed(new CardPresence(2), Alice, Alice, null, null, Alice), Is.EqualTo(new[] { Alice, Alice }));
    }

    [Test]
    public void A_single_missed_poll_at_the_edge_of_the_field_is_not_a_second_presentation()
    {
        Assert.That(Feed(new CardPresence(2), Alice, null, Alice, null, Alice), Is.EqualTo(new[] { Alice }));
    }

    [Test]
    public void Another_card_is_reported_at_once_even_without_a_gap()
    {
        Assert.That(Feed(new CardPresence(2), Alice, Bob, Bob), Is.EqualTo(new[] { Alice, Bob }));
    }

    [Test]
    public void The_reported_uid_is_a_copy_the_handler_may_keep()
    {
        byte[] polled = [0x01, 0x02, 0x03, 0x04];
        CardPresence presence = new(2);

        byte[] reported = presence.Update(polled)!;
        polled[0] = 0xFF;
        reported[1] = 0xFF;

        Assert.That(presence.Update([0x01, 0x02, 0x03, 0x04]), Is.Null, "still the same card present");
    }

    [Test]
    public void With_one_absent_poll_to_forget_any_gap_makes_a_new_presentation()
    {
        Assert.That(Feed(new CardPresence(1), Alice, null, Alice), Is.EqualTo(new[] { Alice, Alice }));
        Assert.That(Feed(new CardPresence(0), Alice, null, Alice), Is.EqualTo(new[] { Alice, Alice }), "below 1 counts as 1");
    }
}
