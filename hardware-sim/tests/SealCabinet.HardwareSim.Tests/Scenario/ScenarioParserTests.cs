using SealCabinet.Firmware.Core.Messages;
using SealCabinet.HardwareSim.Scenario;

namespace SealCabinet.HardwareSim.Tests.Scenario;

public sealed class ScenarioParserTests
{
    [Test]
    public void A_complete_script_parses_into_steps_with_their_arguments()
    {
        const string script = """
            # the committee seal, one copy
            document 42
            wait-grant sleeve=2 timeout=90s
            lift 2
            press 2 hold=200ms times=2

            return 2
            expect-event SLEEVE_RELOCKED sleeve=2 timeout=5s
            force 1
            power-cut torn
            boot
            network down
            cloud up
            broker down
            press-sensor 3 stuck
            enclosure open
            return-wrong 3
            wait-acked
            sleep 1m
            echo the seal is back #2
            """;

        var steps = ScenarioParser.Parse(script, "story.txt").Steps;

        Assert.That(steps.Select(s => s.Kind), Is.EqualTo(new[]
        {
            StepKind.Document, StepKind.WaitGrant, StepKind.Lift, StepKind.Press, StepKind.Return, StepKind.ExpectEvent, StepKind.Force,
            StepKind.PowerCut, StepKind.Boot, StepKind.Network, StepKind.Cloud, StepKind.Broker, StepKind.PressSensor, StepKind.Enclosure,
            StepKind.ReturnWrong, StepKind.WaitAcked, StepKind.Sleep, StepKind.Echo,
        }));
        Assert.That(steps[0].Seed, Is.EqualTo(42));
        Assert.That((steps[1].Sleeve, steps[1].Timeout), Is.EqualTo((2, TimeSpan.FromSeconds(90))));
        Assert.That((steps[3].Sleeve, steps[3].Duration, steps[3].Times), Is.EqualTo((2, TimeSpan.FromMilliseconds(200), 2)));
        Assert.That((steps[3].Line, steps[4].Line), Is.EqualTo((5, 7)));
        Assert.That((steps[5].EventType, steps[5].Sleeve, steps[5].Timeout), Is.EqualTo((EventType.SleeveRelocked, 2, TimeSpan.FromSeconds(5))));
        Assert.That(steps[7].Flag, Is.True, "torn");
        Assert.That((steps[9].Flag, steps[10].Flag, steps[11].Flag), Is.EqualTo((false, true, false)));
        Assert.That((steps[12].Sleeve, steps[12].Flag), Is.EqualTo((3, true)));
        Assert.That(steps[15].Timeout, Is.EqualTo(ScenarioParser.DefaultWaitTimeout));
        Assert.That(steps[16].Duration, Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(steps[17].Message, Is.EqualTo("the seal is back #2"));
    }

    [Test]
    public void Defaults_apply_when_options_are_left_out()
    {
        var press = ScenarioParser.ParseLine("press 1", 1);
        var cut = ScenarioParser.ParseLine("power-cut", 1);
        var expect = ScenarioParser.ParseLine("expect-event press", 1);

        Assert.That((press.Duration, press.Times), Is.EqualTo((TimeSpan.FromMilliseconds(150), 1)));
        Assert.That(cut.Flag, Is.False);
        Assert.That((expect.EventType, expect.Sleeve), Is.EqualTo((EventType.Press, 0)));
    }

    [TestCase("lfit 2", "unknown step 'lfit'")]
    [TestCase("lift 4", "lift: sleeve must be 1, 2 or 3 (is '4')")]
    [TestCase("lift", "lift: missing sleeve number")]
    [TestCase("button", "button: missing sleeve number")]
    [TestCase("button 4", "button: sleeve must be 1, 2 or 3 (is '4')")]
    [TestCase("lift 2 3", "lift: unexpected argument '3'")]
    [TestCase("press 2 hold=5x", "press: hold '5x' is not a duration (use e.g. 500ms, 2s, 1m)")]
    [TestCase("press 2 times=0", "press: times must be a whole number 1..100 (is '0')")]
    [TestCase("press 2 force=1", "press: unknown option 'force'")]
    [TestCase("wait-grant", "wait-grant: missing option sleeve=1|2|3")]
    [TestCase("wait-grant sleeve=2 sleeve=3", "wait-grant: option 'sleeve' is given twice")]
    [TestCase("expect-event SEAL_STOLEN", "expect-event: unknown event type 'SEAL_STOLEN'")]
    [TestCase("network sideways", "network: expected up or down (is 'sideways')")]
    [TestCase("power-cut now", "power-cut: expected nothing or 'torn' (is 'now')")]
    [TestCase("sleep soon", "sleep: 'soon' is not a duration (use e.g. 500ms, 2s, 1m)")]
    [TestCase("document page", "document: seed must be a whole number (is 'page')")]
    [TestCase("press-sensor 1 loose", "press-sensor: expected stuck or free (is 'loose')")]
    [TestCase("pin", "pin: missing PIN digits")]
    [TestCase("pin 12a4", "pin: a PIN is digits only, the step types '#' after them (is '12a4')")]
    [TestCase("pin 1 2 3 #", "pin: a PIN is digits only, the step types '#' after them (is '1 2 3 #')")]
    [TestCase("pin 123456789", "pin: a PIN has at most 8 digits (is 9)")]
    [TestCase("pin 1234 timeout=5s", "pin: unknown option 'timeout'")]
    [TestCase("key", "key: missing key")]
    [TestCase("key 12", "key: expected one key of the PIN pad: 0-9, *, #, A-D (is '12')")]
    [TestCase("key e", "key: expected one key of the PIN pad: 0-9, *, #, A-D (is 'e')")]
    [TestCase("key 1 2", "key: unexpected argument '2'")]
    [TestCase("card", "card: missing card UID")]
    [TestCase("card 04A1B2", "card: '04A1B2' is not a card UID (4, 7 or 10 bytes in hex, e.g. 04A1B2C3)")]
    [TestCase("card 04A1B2ZZ", "card: '04A1B2ZZ' is not a card UID (4, 7 or 10 bytes in hex, e.g. 04A1B2C3)")]
    [TestCase("card 04A1B2C3 04A1B2C4", "card: unexpected argument '04A1B2C4'")]
    public void A_bad_line_is_reported_with_its_line_and_the_field(string line, string expected)
    {
        var error = Assert.Throws<ScenarioParseException>(() => ScenarioParser.Parse($"boot\n\n{line}\n", "bad.txt"));

        Assert.That(error!.Errors, Has.Count.EqualTo(1));
        Assert.That(error.Errors[0].Line, Is.EqualTo(3));
        Assert.That(error.Errors[0].Message, Does.StartWith(expected));
        Assert.That(error.Message, Does.StartWith("bad.txt:3: "));
    }

    [Test]
    public void Every_error_of_a_script_is_reported_not_only_the_first()
    {
        var error = Assert.Throws<ScenarioParseException>(() => ScenarioParser.Parse("lift 9\nboot\nsleep forever\nfly away\n", "many.txt"));

        Assert.That(error!.Errors.Select(e => e.Line), Is.EqualTo(new[] { 1, 3, 4 }));
    }

    [Test]
    public void The_stamp_button_step_names_its_sleeve()
    {
        var step = ScenarioParser.Parse("wait-grant sleeve=3\nbutton 3", "button.txt").Steps;

        Assert.That(step.Select(s => (s.Kind, s.Sleeve)), Is.EqualTo(new[] { (StepKind.WaitGrant, 3), (StepKind.Button, 3) }));
    }

    [TestCase("pin 1 2 3 4", "1234")]
    [TestCase("pin 2468", "2468")]
    [TestCase("pin 12 34 5678", "12345678")]
    public void A_PIN_is_written_as_its_keys_one_by_one_or_as_one_number(string line, string digits)
    {
        var step = ScenarioParser.ParseLine(line, 1);

        Assert.That((step.Kind, step.Pin), Is.EqualTo((StepKind.Pin, digits)));
    }

    [Test]
    public void The_key_and_card_steps_name_the_key_and_the_card_s_UID()
    {
        var steps = ScenarioParser.Parse("key *\nkey #\nkey b\ncard 04A1B2C3\ncard 04:a1:b2:c3:d4:e5:f6", "pad.txt").Steps;

        Assert.That(steps.Take(3).Select(s => (s.Kind, s.Key)), Is.EqualTo(new[] { (StepKind.Key, '*'), (StepKind.Key, '#'), (StepKind.Key, 'B') }));
        Assert.That(steps[3].Kind, Is.EqualTo(StepKind.Card));
        Assert.That(steps[3].Card, Is.EqualTo(new byte[] { 0x04, 0xA1, 0xB2, 0xC3 }));
        Assert.That(steps[4].Card, Is.EqualTo(new byte[] { 0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6 }));
    }
}
