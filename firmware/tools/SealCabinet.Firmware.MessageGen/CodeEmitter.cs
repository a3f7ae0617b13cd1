using System.Globalization;
using System.Text;

namespace SealCabinet.Firmware.MessageGen;

/// <summary>
/// Writes the C# of one message or enum for the firmware core: only mscorlib types (arrays and ArrayList, no
/// generics, LINQ or async), the core's ProtoWriter/ProtoSize/ProtoReader, fields written in number order with
/// proto3 defaults omitted, repeated occurrences merged like Google.Protobuf, unknown fields skipped. A message
/// of the signed-wrapper shape (bytes payload = 1; bytes mac = 2) derives from the hand-written MacedBytes.
/// </summary>
internal sealed class CodeEmitter
{
    /// <summary>The other names in scope in MergeFrom, where message and repeated fields get a local; a clash is refused.</summary>
    private static readonly HashSet<string> ReservedLocals = new(StringComparer.Ordinal) { "field", "wireType", "reader", "i" };

    private static readonly HashSet<string> CSharpKeywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    private readonly ProtoSchema _schema;
    private readonly string _namespace;
    private readonly string _source;

    public CodeEmitter(ProtoSchema schema, string ns, string source)
    {
        _schema = schema;
        _namespace = ns;
        _source = source;
    }

    public static string Pascal(string snake)
    {
        StringBuilder b = new();
        foreach (string part in snake.Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            b.Append(char.ToUpperInvariant(part[0])).Append(part[1..].ToLowerInvariant());
        }

        return b.ToString();
    }

    public static string UpperSnake(string pascal)
    {
        StringBuilder b = new();
        for (int i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                b.Append('_');
            }

            b.Append(char.ToUpperInvariant(pascal[i]));
        }

        return b.ToString();
    }

    public string Enum(ProtoEnum e)
    {
        StringBuilder b = Header(usesCollections: false, usesCodec: false);
        Line(b, 1, "/// <summary>" + Doc(e.Doc, e.Name) + " (proto enum " + _schema.Package + "." + e.Name + ".)</summary>");
        Line(b, 1, "public enum " + e.Name);
        Line(b, 1, "{");
        string prefix = UpperSnake(e.Name) + "_";
        for (int i = 0; i < e.Values.Count; i++)
        {
            ProtoEnumValue v = e.Values[i];
            if (!v.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new ProtoParseException("enum value " + v.Name + " lacks the prefix " + prefix);
            }

            string doc = v.Doc.Length > 0 ? v.Doc : v.Number == 0 ? "No value set." : throw new ProtoParseException("enum value " + v.Name + " has no comment");
            if (i > 0)
            {
                b.Append('\n');
            }

            Line(b, 2, "/// <summary>" + Escape(doc) + "</summary>");
            Line(b, 2, Pascal(v.Name[prefix.Length..]) + " = " + v.Number.ToString(CultureInfo.InvariantCulture) + ",");
        }

        Line(b, 1, "}");
        Line(b, 0, "}");
        return b.ToString();
    }

    public string Message(ProtoMessage m)
    {
        if (m.Unsupported.Length > 0)
        {
            throw new ProtoParseException("message " + m.Name + " uses what the firmware codec does not support (" + m.Unsupported + ")");
        }

        return IsSignedWrapper(m) ? SignedWrapper(m) : PlainMessage(m);
    }

    private static bool IsSignedWrapper(ProtoMessage m)
    {
        return m.Fields.Count == 2
            && m.Fields.All(f => f.Type == "bytes" && !f.Repeated)
            && m.Fields[0].Number == 1 && m.Fields[1].Number == 2 && m.Fields[1].Name == "mac";
    }

    private static string Doc(string doc, string what)
    {
        return doc.Length > 0 ? Escape(doc) : throw new ProtoParseException(what + " has no comment");
    }

    private static string Escape(string text)
    {
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }

    private static void Line(StringBuilder b, int indent, string text)
    {
        b.Append(' ', indent * 4).Append(text).Append('\n');
    }

    private static string Local(ProtoField f)
    {
        string pascal = Pascal(f.Name);
        string local = char.ToLowerInvariant(pascal[0]) + pascal[1..];
        if (ReservedLocals.Contains(local))
        {
            throw new ProtoParseException("field " + f.Name + " clashes with a local of the generated code");
        }

        return CSharpKeywords.Contains(local) ? "@" + local : local;
    }

    private StringBuilder Header(bool usesCollections, bool usesCodec)
    {
        StringBuilder b = new();
        b.Append("// Generated by firmware/tools/SealCabinet.Firmware.MessageGen from ").Append(_source).Append(" at build time. Edit the .proto, not this file.\n");

        // The compiler treats *.g.cs as generated code, where nullable annotations need an explicit context.
        b.Append("#nullable enable\n");
        if (usesCollections)
        {
            b.Append("using System.Collections;\n");
        }

        if (usesCodec)
        {
            b.Append("using SealCabinet.Firmware.Core.Codec;\n");
        }

        if (usesCollections || usesCodec)
        {
            b.Append('\n');
        }

        b.Append("namespace ").Append(_namespace).Append('\n').Append("{\n");
        return b;
    }

    private string SignedWrapper(ProtoMessage m)
    {
        ProtoField payload = m.Fields[0];
        string property = Pascal(payload.Name);
        StringBuilder b = Header(usesCollections: false, usesCodec: true);
        Line(b, 1, "/// <summary>" + Doc(m.Doc, "message " + m.Name) + " (proto message " + _schema.Package + "." + m.Name + ".)</summary>");
        Line(b, 1, "public sealed class " + m.Name + " : MacedBytes");
        Line(b, 1, "{");
        Line(b, 2, "/// <summary>Creates an empty message.</summary>");
        Line(b, 2, "public " + m.Name + "()");
        Line(b, 3, ": base(\"" + m.Name + "." + payload.Name + "\", \"" + m.Name + "." + m.Fields[1].Name + "\")");
        Line(b, 2, "{");
        Line(b, 2, "}");
        b.Append('\n');
        Line(b, 2, "/// <summary>" + Doc(payload.Doc, m.Name + "." + payload.Name) + "</summary>");
        Line(b, 2, "public byte[] " + property);
        Line(b, 2, "{");
        Line(b, 3, "get { return Payload; }");
        Line(b, 3, "set { Payload = value; }");
        Line(b, 2, "}");
        b.Append('\n');
        ParseMethods(b, m.Name);
        Line(b, 1, "}");
        Line(b, 0, "}");
        return b.ToString();
    }

    private string PlainMessage(ProtoMessage m)
    {
        ProtoField[] fields = [.. m.Fields.OrderBy(f => f.Number)];
        bool anyRepeated = fields.Any(f => f.Repeated);
        StringBuilder b = Header(usesCollections: anyRepeated, usesCodec: true);
        Line(b, 1, "/// <summary>" + Doc(m.Doc, "message " + m.Name) + " (proto message " + _schema.Package + "." + m.Name + ".)</summary>");
        Line(b, 1, "public sealed class " + m.Name + " : IProtoMessage");
        Line(b, 1, "{");
        foreach (ProtoField f in m.Fields)
        {
            Line(b, 2, "/// <summary>" + Doc(f.Doc, m.Name + "." + f.Name) + "</summary>");
            Line(b, 2, "public " + Declaration(m, f));
            b.Append('\n');
        }

        ParseMethods(b, m.Name);
        b.Append('\n');
        Line(b, 2, "/// <summary>Encodes this message.</summary>");
        Line(b, 2, "/// <returns>The encoded bytes, byte-for-byte what Google.Protobuf writes.</returns>");
        Line(b, 2, "public byte[] ToByteArray()");
        Line(b, 2, "{");
        Line(b, 3, "return ProtoWriter.Encode(this);");
        Line(b, 2, "}");
        b.Append('\n');

        Line(b, 2, "/// <inheritdoc />");
        Line(b, 2, "public int CalculateSize()");
        Line(b, 2, "{");
        Line(b, 3, "int size = 0;");
        EachField(b, m, fields, (k, number, value) => "size += ProtoSize." + k.Codec + "Field(" + number + ", " + k.ToWire(value) + ");");
        Line(b, 3, "return size;");
        Line(b, 2, "}");
        b.Append('\n');

        Line(b, 2, "/// <inheritdoc />");
        Line(b, 2, "public void WriteTo(ProtoWriter writer)");
        Line(b, 2, "{");
        EachField(b, m, fields, (k, number, value) => "writer.Write" + k.Codec + "Field(" + number + ", " + k.ToWire(value) + ");");
        Line(b, 2, "}");
        b.Append('\n');

        Line(b, 2, "/// <inheritdoc />");
        Line(b, 2, "public void MergeFrom(ProtoReader reader)");
        Line(b, 2, "{");
        foreach (ProtoField f in fields.Where(f => f.Repeated))
        {
            Line(b, 3, "ArrayList? " + Local(f) + " = null;");
        }

        Line(b, 3, "int field;");
        Line(b, 3, "int wireType;");
        Line(b, 3, "while (reader.TryReadTag(out field, out wireType))");
        Line(b, 3, "{");
        Line(b, 4, "switch (field)");
        Line(b, 4, "{");
        foreach (ProtoField f in fields)
        {
            Kind k = KindOf(m, f);
            string property = Pascal(f.Name);
            string local = Local(f);
            Line(b, 5, "case " + f.Number.ToString(CultureInfo.InvariantCulture) + ":");
            Line(b, 6, "reader.ExpectWireType(wireType, WireType." + k.WireType + ", \"" + m.Name + "." + f.Name + "\");");
            if (f.Repeated)
            {
                string item = local.TrimStart('@') + "Item";
                Line(b, 6, k.CSharpType + " " + item + " = new " + k.CSharpType + "();");
                Line(b, 6, "reader.ReadMessage(" + item + ");");
                Line(b, 6, "if (" + local + " == null)");
                Line(b, 6, "{");
                Line(b, 7, local + " = new ArrayList();");
                Line(b, 7, "for (int i = 0; i < " + property + ".Length; i++)");
                Line(b, 7, "{");
                Line(b, 8, local + ".Add(" + property + "[i]);");
                Line(b, 7, "}");
                Line(b, 6, "}");
                b.Append('\n');
                Line(b, 6, local + ".Add(" + item + ");");
            }
            else if (k.IsMessage)
            {
                Line(b, 6, k.CSharpType + " " + local + " = " + property + " ?? new " + k.CSharpType + "();");
                Line(b, 6, "reader.ReadMessage(" + local + ");");
                Line(b, 6, property + " = " + local + ";");
            }
            else
            {
                Line(b, 6, property + " = " + k.FromWire("reader.Read" + k.Reader + "()") + ";");
            }

            Line(b, 6, "break;");
        }

        Line(b, 5, "default:");
        Line(b, 6, "reader.SkipField(wireType);");
        Line(b, 6, "break;");
        Line(b, 4, "}");
        Line(b, 3, "}");
        foreach (ProtoField f in fields.Where(f => f.Repeated))
        {
            Kind k = KindOf(m, f);
            string local = Local(f);
            b.Append('\n');
            Line(b, 3, "if (" + local + " != null)");
            Line(b, 3, "{");
            Line(b, 4, Pascal(f.Name) + " = (" + k.CSharpType + "[])" + local + ".ToArray(typeof(" + k.CSharpType + "));");
            Line(b, 3, "}");
        }

        Line(b, 2, "}");
        Line(b, 1, "}");
        Line(b, 0, "}");
        return b.ToString();
    }

    /// <summary>One statement per field in number order (per element, in a loop, for a repeated field).</summary>
    private void EachField(StringBuilder b, ProtoMessage m, ProtoField[] fields, Func<Kind, string, string, string> statement)
    {
        foreach (ProtoField f in fields)
        {
            Kind k = KindOf(m, f);
            string property = Pascal(f.Name);
            string number = f.Number.ToString(CultureInfo.InvariantCulture);
            if (f.Repeated)
            {
                Line(b, 3, "for (int i = 0; i < " + property + ".Length; i++)");
                Line(b, 3, "{");
                Line(b, 4, statement(k, number, property + "[i]"));
                Line(b, 3, "}");
            }
            else
            {
                Line(b, 3, statement(k, number, property));
            }
        }
    }

    private static void ParseMethods(StringBuilder b, string name)
    {
        string article = "AEIOU".Contains(name[0], StringComparison.Ordinal) ? "an " : "a ";
        Line(b, 2, "/// <summary>Decodes " + article + name + " from a whole array.</summary>");
        Line(b, 2, "/// <param name=\"data\">The encoded message.</param>");
        Line(b, 2, "/// <returns>The message.</returns>");
        Line(b, 2, "/// <exception cref=\"ProtoDecodeException\">The bytes are malformed.</exception>");
        Line(b, 2, "public static " + name + " Parse(byte[]? data)");
        Line(b, 2, "{");
        Line(b, 3, "return Parse(data, 0, data == null ? 0 : data.Length);");
        Line(b, 2, "}");
        b.Append('\n');
        Line(b, 2, "/// <summary>Decodes " + article + name + " from part of an array.</summary>");
        Line(b, 2, "/// <param name=\"data\">Source array.</param>");
        Line(b, 2, "/// <param name=\"offset\">First byte.</param>");
        Line(b, 2, "/// <param name=\"count\">Length.</param>");
        Line(b, 2, "/// <returns>The message.</returns>");
        Line(b, 2, "/// <exception cref=\"ProtoDecodeException\">The bytes are malformed.</exception>");
        Line(b, 2, "public static " + name + " Parse(byte[]? data, int offset, int count)");
        Line(b, 2, "{");
        Line(b, 3, name + " message = new " + name + "();");
        Line(b, 3, "ProtoReader.Decode(data, offset, count, message);");
        Line(b, 3, "return message;");
        Line(b, 2, "}");
    }

    private string Declaration(ProtoMessage m, ProtoField f)
    {
        Kind k = KindOf(m, f);
        string property = Pascal(f.Name);
        if (f.Repeated)
        {
            return k.CSharpType + "[] " + property + " { get; set; } = new " + k.CSharpType + "[0];";
        }

        if (k.IsMessage)
        {
            return k.CSharpType + "? " + property + " { get; set; }";
        }

        return k.CSharpType + " " + property + " { get; set; }" + (k.Initializer.Length > 0 ? " = " + k.Initializer + ";" : string.Empty);
    }

    private Kind KindOf(ProtoMessage m, ProtoField f)
    {
        Kind? k = f.Type switch
        {
            "uint64" => new Kind("ulong", "UInt64", "UInt64", "Varint", string.Empty, false, string.Empty),
            "int64" => new Kind("long", "Int64", "Int64", "Varint", string.Empty, false, string.Empty),
            "uint32" => new Kind("uint", "UInt32", "UInt32", "Varint", string.Empty, false, string.Empty),
            "int32" => new Kind("int", "Int32", "Int32", "Varint", string.Empty, false, string.Empty),
            "bool" => new Kind("bool", "Bool", "Bool", "Varint", string.Empty, false, string.Empty),
            "string" => new Kind("string", "String", "String", "LengthDelimited", "string.Empty", false, string.Empty),
            "bytes" => new Kind("byte[]", "Bytes", "Bytes", "LengthDelimited", "ProtoConstants.EmptyBytes", false, string.Empty),
            _ => null,
        };
        if (k != null)
        {
            return f.Repeated ? throw new ProtoParseException(m.Name + "." + f.Name + ": repeated scalars are not supported") : k;
        }

        if (_schema.Enums.ContainsKey(f.Type))
        {
            return f.Repeated
                ? throw new ProtoParseException(m.Name + "." + f.Name + ": repeated enums are not supported")
                : new Kind(f.Type, "Int32", "Int32", "Varint", string.Empty, false, f.Type);
        }

        if (_schema.Messages.ContainsKey(f.Type))
        {
            return new Kind(f.Type, "Message", string.Empty, "LengthDelimited", string.Empty, true, string.Empty);
        }

        throw new ProtoParseException(m.Name + "." + f.Name + ": unknown or unsupported type " + f.Type);
    }

    /// <summary>How one field type maps onto the core's codec.</summary>
    /// <param name="CSharpType">The property's type.</param>
    /// <param name="Codec">The ProtoSize/ProtoWriter method stem (…Field).</param>
    /// <param name="Reader">The ProtoReader method stem (Read…).</param>
    /// <param name="WireType">The WireType constant.</param>
    /// <param name="Initializer">The default value ("" for the type's default).</param>
    /// <param name="IsMessage">Whether it is a nested message.</param>
    /// <param name="EnumType">The enum type, cast to and from int on the wire ("" when not an enum).</param>
    private sealed record Kind(string CSharpType, string Codec, string Reader, string WireType, string Initializer, bool IsMessage, string EnumType)
    {
        public string ToWire(string expression) => EnumType.Length > 0 ? "(int)" + expression : expression;

        public string FromWire(string expression) => EnumType.Length > 0 ? "(" + EnumType + ")" + expression : expression;
    }
}
