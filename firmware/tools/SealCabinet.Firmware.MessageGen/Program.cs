using SealCabinet.Firmware.MessageGen;

// Usage: MessageGen --out DIR --namespace NS --message Name [--message Name …] file.proto [file.proto …]
// Generates one file per named message, plus one per enum those messages use, into DIR; files whose text
// is unchanged are not rewritten (so the compile stays incremental) and other *.g.cs files in DIR are removed.
try
{
    GeneratorRun run = GeneratorRun.FromArguments(args);
    run.Execute(Console.Out);
    return 0;
}
catch (ProtoParseException e)
{
    Console.Error.WriteLine("error SCMG001: " + e.Message);
    return 1;
}
