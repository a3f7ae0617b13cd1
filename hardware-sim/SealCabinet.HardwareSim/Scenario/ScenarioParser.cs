using System.Globalization;
using System.Text.RegularExpressions;
using SealCabinet.Firmware.Core.Authentication;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.HardwareSim.Board;
using SealCabinet.HardwareSim.Cabinet;

namespace SealCabinet.HardwareSim.Scenario;

/// <summary>
/// Parses the line-based scenario format: one step per line, <c>#</c> starts a comment line, blank lines are
/// ignored; a step is a verb, positional arguments and <c>name=value</c> options (durations like 500ms, 2s, 1m).
/// Every error is reported with its line, the step and the field; a script with any error runs nothing.
/// </summary>
public static partial class ScenarioParser
{
    /// <summary>Default timeout of waits.</summary>
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(30);

    private static readonly string[] Verbs =
    [
        "boot", "power-cut", "network", "cloud", "broker", "wait-grant", "pin", "key", "card", "button", "lift", "press", "return", "return-wrong", "force",
        "press-sensor", "enclosure", "document", "expect-event", "wait-acked", "sleep", "echo",
    ];

    /// <summary>Parses a script.</summary>
    /// <param name="text">The script text.</param>
    /// <param name="source">Its name for error messages.</param>
    /// <returns>The script.</returns>
    /// <exception cref="ScenarioParseException">The script has errors (all of them are listed).</exception>
    public static ScenarioScript Parse(string text, string source = "scenario")
    {
        ArgumentNullException.ThrowIfNull(text);
        var steps = new List<ScenarioStep>();
        var errors = new List<ScenarioError>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            try
            {
                steps.Add(ParseLine(line, i + 1));
            }
            catch (FormatException e)
            {
                errors.Add(new ScenarioError(source, i + 1, e.Message));
            }
        }

        if (errors.Count > 0)
        {
            throw new ScenarioParseException(errors);
        }

        return new ScenarioScript(source, steps);
    }

    /// <summary>Parses one step (the same syntax as a script line; used for typed commands too).</summary>
    /// <param name="line">The line.</param>
    /// <param name="lineNumber">Its number.</param>
    /// <returns>The step.</returns>
    /// <exception cref="FormatException">The line is not a valid step; the message names the step and field.</exception>
    public static ScenarioStep ParseLine(string line, int lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        var trimmed = line.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        var verb = (space < 0 ? trimmed : trimmed[..space]).ToLowerInvariant();
        var rest = space < 0 ? string.Empty : trimmed[(space + 1)..].Trim();
        if (verb == "echo")
        {
            return new ScenarioStep { Kind = StepKind.Echo, Line = lineNumber, Text = trimmed, Message = rest };
        }

        var args = new Arguments(verb, rest);
        ScenarioStep step = verb switch
        {
            "boot" => Simple(StepKind.Boot),
            "power-cut" => new ScenarioStep { Kind = StepKind.PowerCut, Line = lineNumber, Text = trimmed, Flag = args.OptionalWord(0, "torn") },
            "network" => Toggle(StepKind.Network, "up", "down"),
            "cloud" => Toggle(StepKind.Cloud, "up", "down"),
            "broker" => Toggle(StepKind.Broker, "up", "down"),
            "wait-grant" => new ScenarioStep { Kind = StepKind.WaitGrant, Line = lineNumber, Text = trimmed, Sleeve = args.SleeveOption(), Timeout = args.Duration("timeout", DefaultWaitTimeout) },
            "pin" => new ScenarioStep { Kind = StepKind.Pin, Line = lineNumber, Text = trimmed, Pin = args.PinDigits() },
            "key" => new ScenarioStep { Kind = StepKind.Key, Line = lineNumber, Text = trimmed, Key = args.PinPadKey() },
            "card" => new ScenarioStep { Kind = StepKind.Card, Line = lineNumber, Text = trimmed, Card = args.Card() },
            "button" => SleeveStep(StepKind.Button),
            "lift" => SleeveStep(StepKind.Lift),
            "return" => SleeveStep(StepKind.Return),
            "return-wrong" => SleeveStep(StepKind.ReturnWrong),
            "force" => SleeveStep(StepKind.Force),
            "press" => new ScenarioStep
            {
                Kind = StepKind.Press,
                Line = lineNumber,
                Text = trimmed,
                Sleeve = args.SleevePositional(),
                Duration = args.Duration("hold", TimeSpan.FromMilliseconds(150)),
                Times = args.Integer("times", 1, 1, 100),
            },
            "press-sensor" => new ScenarioStep { Kind = StepKind.PressSensor, Line = lineNumber, Text = trimmed, Sleeve = args.SleevePositional(), Flag = args.Word(1, "stuck", "free") },
            "enclosure" => Toggle(StepKind.Enclosure, "open", "close"),
            "document" => new ScenarioStep { Kind = StepKind.Document, Line = lineNumber, Text = trimmed, Seed = args.PositionalInteger(0, "seed") },
            "expect-event" => new ScenarioStep
            {
                Kind = StepKind.ExpectEvent,
                Line = lineNumber,
                Text = trimmed,
                EventType = args.EventType(0),
                Sleeve = args.HasOption("sleeve") ? args.SleeveOption() : 0,
                Timeout = args.Duration("timeout", DefaultWaitTimeout),
            },
            "wait-acked" => new ScenarioStep { Kind = StepKind.WaitAcked, Line = lineNumber, Text = trimmed, Timeout = args.Duration("timeout", DefaultWaitTimeout) },
            "sleep" => new ScenarioStep { Kind = StepKind.Sleep, Line = lineNumber, Text = trimmed, Duration = args.PositionalDuration(0) },
            _ => throw new FormatException($"unknown step '{verb}' (expected one of: {string.Join(", ", Verbs)})"),
        };
        args.EnsureAllUsed();
        return step;

        ScenarioStep Simple(StepKind kind) => new() { Kind = kind, Line = lineNumber, Text = trimmed };

        ScenarioStep SleeveStep(StepKind kind) => new() { Kind = kind, Line = lineNumber, Text = trimmed, Sleeve = args.SleevePositional() };

        ScenarioStep Toggle(StepKind kind, string on, string off) => new() { Kind = kind, Line = lineNumber, Text = trimmed, Flag = args.Word(0, on, off) };
    }

    /// <summary>Parses a duration such as 500ms, 2s or 1m.</summary>
    /// <param name="text">The text.</param>
    /// <param name="duration">The duration.</param>
    /// <returns>True when valid.</returns>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        var match = DurationPattern().Match(text ?? string.Empty);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 86_400_000)
        {
            duration = TimeSpan.Zero;
            return false;
        }

        duration = match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(value),
            "s" => TimeSpan.FromSeconds(value),
            _ => TimeSpan.FromMinutes(value),
        };
        return true;
    }

    [GeneratedRegex("^([0-9]+)(ms|s|m)$")]
    private static partial Regex DurationPattern();

    /// <summary>The positional arguments and options of one line, consumed by the step parser.</summary>
    private sealed class Arguments
    {
        private readonly string _verb;
        private readonly List<string> _positional = [];
        private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _usedOptions = new(StringComparer.OrdinalIgnoreCase);
        private int _usedPositional;

        public Arguments(string verb, string rest)
        {
            _verb = verb;
            foreach (var token in rest.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = token.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    var name = token[..equals];
                    if (!_options.TryAdd(name, token[(equals + 1)..]))
                    {
                        throw new FormatException($"{verb}: option '{name}' is given twice");
                    }
                }
                else
                {
                    _positional.Add(token);
                }
            }
        }

        public bool HasOption(string name) => _options.ContainsKey(name);

        public int SleevePositional()
        {
            var text = Positional(0, "sleeve number");
            return Sleeve(text);
        }

        public int SleeveOption()
        {
            _usedOptions.Add("sleeve");
            return _options.TryGetValue("sleeve", out var text)
                ? Sleeve(text)
                : throw new FormatException($"{_verb}: missing option sleeve=1|2|3");
        }

        public TimeSpan Duration(string name, TimeSpan fallback)
        {
            _usedOptions.Add(name);
            if (!_options.TryGetValue(name, out var text))
            {
                return fallback;
            }

            return TryParseDuration(text, out var duration) && duration > TimeSpan.Zero
                ? duration
                : throw new FormatException($"{_verb}: {name} '{text}' is not a duration (use e.g. 500ms, 2s, 1m)");
        }

        public TimeSpan PositionalDuration(int index)
        {
            var text = Positional(index, "duration");
            return TryParseDuration(text, out var duration)
                ? duration
                : throw new FormatException($"{_verb}: '{text}' is not a duration (use e.g. 500ms, 2s, 1m)");
        }

        public int Integer(string name, int fallback, int min, int max)
        {
            _usedOptions.Add(name);
            if (!_options.TryGetValue(name, out var text))
            {
                return fallback;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw new FormatException($"{_verb}: {name} must be a whole number {min}..{max} (is '{text}')");
        }

        public int PositionalInteger(int index, string what)
        {
            var text = Positional(index, what);
            return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new FormatException($"{_verb}: {what} must be a whole number (is '{text}')");
        }

        public bool Word(int index, string on, string off)
        {
            var text = Positional(index, $"{on}|{off}");
            if (string.Equals(text, on, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            return string.Equals(text, off, StringComparison.OrdinalIgnoreCase)
                ? false
                : throw new FormatException($"{_verb}: expected {on} or {off} (is '{text}')");
        }

        public bool OptionalWord(int index, string word)
        {
            if (_positional.Count <= index)
            {
                return false;
            }

            var text = Positional(index, word);
            return string.Equals(text, word, StringComparison.OrdinalIgnoreCase)
                ? true
                : throw new FormatException($"{_verb}: expected nothing or '{word}' (is '{text}')");
        }

        public EventType EventType(int index)
        {
            var text = Positional(index, "event type");
            return EventNames.TryParseEventType(text, out var type)
                ? type
                : throw new FormatException($"{_verb}: unknown event type '{text}' (e.g. SLEEVE_UNLOCKED, PRESS, FORCED_OPEN_ALARM)");
        }

        public string PinDigits()
        {
            // "pin 1 2 3 4" reads like the keys pressed one by one; "pin 1234" like the PIN itself.
            var digits = Positional(0, "PIN digits");
            for (var i = 1; i < _positional.Count; i++)
            {
                digits += Positional(i, "PIN digits");
            }

            if (!digits.All(char.IsAsciiDigit))
            {
                throw new FormatException($"{_verb}: a PIN is digits only, the step types '#' after them (is '{string.Join(' ', _positional)}')");
            }

            return digits.Length <= AuthenticationDesk.MaxPinDigits
                ? digits
                : throw new FormatException($"{_verb}: a PIN has at most {AuthenticationDesk.MaxPinDigits} digits (is {digits.Length})");
        }

        public char PinPadKey()
        {
            var text = Positional(0, "key");
            var key = text.Length == 1 ? char.ToUpperInvariant(text[0]) : ' ';
            return char.IsAsciiDigit(key) || key is '*' or '#' or 'A' or 'B' or 'C' or 'D'
                ? key
                : throw new FormatException($"{_verb}: expected one key of the PIN pad: 0-9, *, #, A-D (is '{text}')");
        }

        public byte[] Card()
        {
            var text = Positional(0, "card UID");
            return CardUid.TryParse(text, out var uid)
                ? uid
                : throw new FormatException($"{_verb}: '{text}' is not a card UID (4, 7 or 10 bytes in hex, e.g. 04A1B2C3)");
        }

        public void EnsureAllUsed()
        {
            if (_positional.Count > _usedPositional)
            {
                throw new FormatException($"{_verb}: unexpected argument '{_positional[_usedPositional]}'");
            }

            foreach (var name in _options.Keys)
            {
                if (!_usedOptions.Contains(name))
                {
                    throw new FormatException($"{_verb}: unknown option '{name}'");
                }
            }
        }

        private string Positional(int index, string what)
        {
            if (_positional.Count <= index)
            {
                throw new FormatException($"{_verb}: missing {what}");
            }

            _usedPositional = Math.Max(_usedPositional, index + 1);
            return _positional[index];
        }

        private int Sleeve(string text) =>
            text is "1" or "2" or "3"
                ? text[0] - '0'
                : throw new FormatException($"{_verb}: sleeve must be 1, 2 or 3 (is '{text}')");
    }
}
