using SealCabinet.Firmware.Core.Hardware.Parts;

namespace SealCabinet.Firmware.Core.Tests.Hardware.Parts;

/// <summary>The 4×4 PIN pad's layout and the decoding of one scan (per row, the columns read as pressed).</summary>
[TestFixture]
public sealed class KeypadMatrixTests
{
    [Test]
    public void The_layout_is_the_common_membrane_pad_read_row_by_row()
    {
        string rows = string.Concat(Enumerable.Range(0, 4).Select(r => new string([.. Enumerable.Range(0, 4).Select(c => KeypadMatrix.KeyAt(r, c))]) + "|"));

        Assert.That(rows, Is.EqualTo("123A|456B|789C|*0#D|"));
    }

    [TestCase(0, 0b0001, '1')]
    [TestCase(1, 0b0010, '5')]
    [TestCase(2, 0b0100, '9')]
    [TestCase(3, 0b0001, '*')]
    [TestCase(3, 0b0100, '#')]
    [TestCase(3, 0b1000, 'D')]
    [TestCase(3, 0b0010, '0')]
    public void One_closed_contact_is_its_key(int row, int columns, char key)
    {
        int[] scan = new int[4];
        scan[row] = columns;

        Assert.That(KeypadMatrix.Decode(scan), Is.EqualTo(key));
    }

    [Test]
    public void No_closed_contact_is_no_key()
    {
        Assert.That(KeypadMatrix.Decode([0, 0, 0, 0]), Is.EqualTo(KeypadMatrix.NoKey));
    }

    [Test]
    public void Two_keys_in_one_row_are_refused_as_several()
    {
        Assert.That(KeypadMatrix.Decode([0b0011, 0, 0, 0]), Is.EqualTo(KeypadMatrix.SeveralKeys));
    }

    [Test]
    public void Two_keys_in_one_column_are_refused_as_several()
    {
        Assert.That(KeypadMatrix.Decode([0b0100, 0b0100, 0, 0]), Is.EqualTo(KeypadMatrix.SeveralKeys));
    }

    [Test]
    public void Three_keys_with_their_phantom_fourth_never_name_a_single_key()
    {
        // 1, 2 and 4 pressed: the matrix also shows 5, which nobody pressed.
        Assert.That(KeypadMatrix.Decode([0b0011, 0b0011, 0, 0]), Is.EqualTo(KeypadMatrix.SeveralKeys));
    }

    [Test]
    public void Bits_beyond_the_four_columns_are_ignored()
    {
        Assert.That(KeypadMatrix.Decode([0xF0, 0, 0, 0b1_0000_0010]), Is.EqualTo('0'));
    }

    [Test]
    public void A_scan_without_one_entry_per_row_is_a_programming_error()
    {
        Assert.That(() => KeypadMatrix.Decode([0, 0, 0]), Throws.ArgumentException);
        Assert.That(() => KeypadMatrix.KeyAt(4, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
