namespace SealCabinet.Firmware.MessageGen;

/// <summary>One invocation: which protos, which messages, where to write.</summary>
internal sealed class GeneratorRun
{
    private readonly List<string> _protos = [];
    private readonly List<string> _messages = [];
    private string _outDirectory = string.Empty;
    private string _namespace = string.Empty;

    public static GeneratorRun FromArguments(string[] args)
    {
        GeneratorRun run = new();
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : string.Empty;
            switch (args[i])
            {
                case "--out":
                    run._outDirectory = value;
                    i++;
                    break;
                case "--namespace":
                    run._namespace = value;
                    i++;
                    break;
                case "--message":
                    run._messages.AddRange(value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    i++;
                    break;
                default:
                    run._protos.Add(args[i]);
                    break;
            }
        }

        if (run._outDirectory.Length == 0 || run._namespace.Length == 0 || run._messages.Count == 0 || run._protos.Count == 0)
        {
            throw new ProtoParseException("usage: MessageGen --out DIR --namespace NS --message Name[;Name…] file.proto…");
        }

        return run;
    }

    /// <summary>The generated files, by file name, without touching the disk.</summary>
    public SortedDictionary<string, string> Generate()
    {
        ProtoSchema schema = new();
        Dictionary<string, string> sourceOf = new(StringComparer.Ordinal);
        foreach (string proto in _protos)
        {
            HashSet<string> before = [.. schema.Messages.Keys, .. schema.Enums.Keys];
            ProtoParser.Parse(proto, schema);
            string shortName = Path.GetFileName(proto);
            foreach (string name in schema.Messages.Keys.Concat(schema.Enums.Keys).Where(n => !before.Contains(n)))
            {
                sourceOf[name] = shortName;
            }
        }

        SortedDictionary<string, string> files = new(StringComparer.Ordinal);
        SortedSet<string> enums = new(StringComparer.Ordinal);
        foreach (string name in _messages)
        {
            if (!schema.Messages.TryGetValue(name, out ProtoMessage? message))
            {
                throw new ProtoParseException("message " + name + " is not in the given .proto files");
            }

            foreach (ProtoField field in message.Fields)
            {
                if (schema.Enums.ContainsKey(field.Type))
                {
                    enums.Add(field.Type);
                }
                else if (schema.Messages.ContainsKey(field.Type) && !_messages.Contains(field.Type))
                {
                    throw new ProtoParseException(name + "." + field.Name + " needs message " + field.Type + ", which is not in the list");
                }
            }

            files[name + ".g.cs"] = new CodeEmitter(schema, _namespace, sourceOf[name]).Message(message);
        }

        foreach (string name in enums)
        {
            files[name + ".g.cs"] = new CodeEmitter(schema, _namespace, sourceOf[name]).Enum(schema.Enums[name]);
        }

        return files;
    }

    public void Execute(TextWriter log)
    {
        SortedDictionary<string, string> files = Generate();
        Directory.CreateDirectory(_outDirectory);
        int written = 0;
        foreach (KeyValuePair<string, string> file in files)
        {
            string path = Path.Combine(_outDirectory, file.Key);
            if (!File.Exists(path) || File.ReadAllText(path) != file.Value)
            {
                File.WriteAllText(path, file.Value);
                written++;
            }
        }

        foreach (string stale in Directory.GetFiles(_outDirectory, "*.g.cs").Where(p => !files.ContainsKey(Path.GetFileName(p))))
        {
            File.Delete(stale);
        }

        log.WriteLine("MessageGen: " + files.Count + " files in " + _outDirectory + " (" + written + " rewritten)");
    }
}
