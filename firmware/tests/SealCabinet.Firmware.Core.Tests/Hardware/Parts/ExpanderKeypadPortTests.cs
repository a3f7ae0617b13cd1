using SealCabinet.Firmware.Core.Hardware.Parts;

namespace SealCabinet.Firmware.Core.Tests.Hardware.Parts;

/// <summary>
/// The PIN pad on the MCP23017's port A (columns GPA0-GPA3 in with pull-ups, rows GPA4-GPA7 out) and the register
/// addresses used, against the MCP23017 datasheet's IOCON.BANK = 0 register table.
/// </summary>
[TestFixture]
public sealed class ExpanderKeypadPortTests
{
    [Test]
    public void The_registers_are_at_their_bank_0_addresses()
    {
        Assert.That(
            new[] { Mcp23017Registers.IoDirA, Mcp23017Registers.IoDirB, Mcp23017Registers.IPolA, Mcp23017Registers.GpPuA, Mcp23017Registers.GpPuB, Mcp23017Registers.GpioA, Mcp23017Registers.OLatA, Mcp23017Registers.OLatB },
            Is.EqualTo(new byte[] { 0x00, 0x01, 0x02, 0x0C, 0x0D, 0x12, 0x14, 0x15 }));
        Assert.That(Mcp23017Registers.I2cAddress, Is.EqualTo(0x20));
        Assert.That(Ds3231Registers.I2cAddress, Is.EqualTo(0x68));
        Assert.That(Pn532Commands.I2cAddress, Is.EqualTo(0x24));
    }

    [Test]
    public void Gpa7_the_output_only_pin_is_an_output_and_only_the_columns_are_inputs_with_pull_ups()
    {
        Assert.That(ExpanderKeypadPort.Direction & 0x80, Is.Zero, "GPA7 must not be an input (datasheet revision D)");
        Assert.That(ExpanderKeypadPort.Direction, Is.EqualTo(0x0F));
        Assert.That(ExpanderKeypadPort.PullUps, Is.EqualTo(ExpanderKeypadPort.Direction), "pull-ups exactly on the inputs");
        Assert.That(Mcp23017Registers.IoDirResetValue, Is.EqualTo(0xFF), "every pin an input at reset");
    }

    [TestCase(0, (byte)0b1110_0000)]
    [TestCase(1, (byte)0b1101_0000)]
    [TestCase(2, (byte)0b1011_0000)]
    [TestCase(3, (byte)0b0111_0000)]
    public void Selecting_a_row_drives_only_that_row_low(int row, byte latch)
    {
        Assert.That(ExpanderKeypadPort.SelectRow(row), Is.EqualTo(latch));
    }

    [Test]
    public void Idle_every_row_is_low_so_any_key_shows_on_its_column()
    {
        Assert.That(ExpanderKeypadPort.AllRowsLow & 0xF0, Is.Zero);
    }

    [TestCase((byte)0xFF, 0b0000, TestName = "all columns high is no key")]
    [TestCase((byte)0xFE, 0b0001, TestName = "GPA0 low is column 1")]
    [TestCase((byte)0xF7, 0b1000, TestName = "GPA3 low is column 4")]
    [TestCase((byte)0x0F, 0b0000, TestName = "the row bits are not columns")]
    [TestCase((byte)0xE5, 0b1010, TestName = "GPA1 and GPA3 low are columns 2 and 4")]
    public void Columns_read_low_are_pressed(byte gpioA, int columns)
    {
        Assert.That(ExpanderKeypadPort.PressedColumns(gpioA), Is.EqualTo(columns));
    }

    [Test]
    public void A_row_scan_of_the_port_finds_the_key_under_a_finger()
    {
        // Key 6 (row 2, column 3) pressed: with row 2 driven low, GPA2 reads low; with any other row low, nothing.
        int[] scan = new int[KeypadMatrix.Rows];
        for (int row = 0; row < KeypadMatrix.Rows; row++)
        {
            byte latch = ExpanderKeypadPort.SelectRow(row);
            bool row2Low = (latch & 0x20) == 0;
            byte gpioA = (byte)(latch | (row2Low ? 0x0B : 0x0F));
            scan[row] = ExpanderKeypadPort.PressedColumns(gpioA);
        }

        Assert.That(KeypadMatrix.Decode(scan), Is.EqualTo('6'));
    }
}
