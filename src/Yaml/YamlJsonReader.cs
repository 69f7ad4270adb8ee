using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Framecast.Yaml;

/// <summary>
/// Turns one YAML document into the JSON text of the same tree, resolving plain scalars by the YAML 1.2 core schema
/// (so <c>duration: 5</c> is a number and <c>loop: true</c> a boolean, while quoted values stay strings).
/// </summary>
public static partial class YamlJsonReader
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    // UnsafeRelaxed keeps non-ASCII text as UTF-8, so the converted size is counted as the text really is.
    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [GeneratedRegex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Float();

    /// <param name="maxNodes">
    /// Bounds the tree that anchors and aliases may expand to: every JSON node takes at least a byte, so a caller
    /// with a byte limit passes it here and a tree past it is refused before it is built.
    /// </param>
    /// <param name="maxDepth">The deepest nesting accepted.</param>
    /// <exception cref="YamlSyntaxException">The input is not one such document, or is too big or too deep.</exception>
    public static string ToJson(string yaml, int maxNodes, int maxDepth)
    {
        try
        {
            var reader = new Reader(new Parser(new StringReader(yaml)), maxNodes, maxDepth);
            return reader.ReadSingleDocument()?.ToJsonString(WriteOptions) ?? "null";
        }
        catch (YamlException exception)
        {
            throw new YamlSyntaxException(Reason(exception), exception.Start.Line, exception.Start.Column);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on input that ends inside an open flow collection.
            var end = yaml.Split('\n');
            throw new YamlSyntaxException("the input ends inside an unclosed [ ] or { }", end.Length, end[^1].Length + 1);
        }
    }

    // YamlDotNet prefixes "(Line: 1, Col: 2, Idx: 1) - (Line: …): " to its messages; the line and column are reported apart.
    private static string Reason(YamlException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return (cut < 0 ? message : message[(cut + 3)..]).TrimEnd('.', ' ');
    }

    private sealed class Reader(IParser parser, int maxNodes, int maxDepth)
    {
        private readonly Dictionary<string, (JsonNode? Node, int Size)> _anchors = new(StringComparer.Ordinal);
        private int _nodes;

        public JsonNode? ReadSingleDocument()
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
                throw new YamlException(Mark.Empty, Mark.Empty, "the document is empty");
            parser.Consume<DocumentStart>();
            var root = ReadNode(depth: 1);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var next))
                throw new YamlException(next.Start, next.End, "a storyboard is one YAML document, not several");
            parser.Consume<StreamEnd>();
            return root;
        }

        private JsonNode? ReadNode(int depth)
        {
            var start = parser.Current ?? throw new YamlException(Mark.Empty, Mark.Empty, "unexpected end of input");
            if (depth > maxDepth)
                throw new YamlException(start.Start, start.End, $"nesting deeper than {maxDepth} levels");

            if (parser.TryConsume<AnchorAlias>(out var alias))
                return Expand(alias);

            var sizeBefore = _nodes;
            Count(start);
            JsonNode? node;
            AnchorName anchor;
            if (parser.TryConsume<Scalar>(out var scalar))
            {
                node = Resolve(scalar);
                anchor = scalar.Anchor;
            }
            else if (parser.TryConsume<SequenceStart>(out var sequence))
            {
                RequireCollectionTag(sequence.Tag, "seq", sequence);
                var array = new JsonArray();
                while (!parser.TryConsume<SequenceEnd>(out _))
                    array.Add(ReadNode(depth + 1));
                node = array;
                anchor = sequence.Anchor;
            }
            else if (parser.TryConsume<MappingStart>(out var mapping))
            {
                RequireCollectionTag(mapping.Tag, "map", mapping);
                node = ReadMapping(depth);
                anchor = mapping.Anchor;
            }
            else
            {
                throw new YamlException(start.Start, start.End, $"unexpected {start.GetType().Name}");
            }

            if (!anchor.IsEmpty)
                _anchors[anchor.Value] = (node, _nodes - sizeBefore);
            return node;
        }

        private JsonObject ReadMapping(int depth)
        {
            var map = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyEvent = parser.Current!;
                if (!parser.TryConsume<Scalar>(out var key))
                    throw new YamlException(keyEvent.Start, keyEvent.End, "mapping keys must be plain values");
                if (map.ContainsKey(key.Value))
                    throw new YamlException(key.Start, key.End, $"duplicate key '{key.Value}'");
                map[key.Value] = ReadNode(depth + 1);
            }

            return map;
        }

        private JsonNode? Expand(AnchorAlias alias)
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                throw new YamlException(alias.Start, alias.End, $"unknown alias '*{alias.Value.Value}'");
            _nodes += anchored.Size;
            if (_nodes > maxNodes)
                throw new YamlException(alias.Start, alias.End, "the aliases expand past the storyboard size limit");
            return anchored.Node?.DeepClone();
        }

        private void Count(ParsingEvent at)
        {
            if (++_nodes > maxNodes)
                throw new YamlException(at.Start, at.End, "the document exceeds the storyboard size limit");
        }

        private static JsonNode? Resolve(Scalar scalar)
        {
            var tag = scalar.Tag.IsEmpty ? "" : scalar.Tag.Value;
            if (tag.Length > 0 && tag != "!")
                return ResolveTagged(scalar, tag);
            // Only plain scalars are typed; quoted ones are strings whatever they contain.
            return scalar.Style == ScalarStyle.Plain ? ResolvePlain(scalar.Value) : JsonValue.Create(scalar.Value);
        }

        private static JsonNode? ResolvePlain(string value)
        {
            switch (value)
            {
                case "" or "~" or "null" or "Null" or "NULL":
                    return null;
                case "true" or "True" or "TRUE":
                    return JsonValue.Create(true);
                case "false" or "False" or "FALSE":
                    return JsonValue.Create(false);
            }

            if (DecimalInteger().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                return JsonValue.Create(integer);
            if (value.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(value[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
                return JsonValue.Create(hex);
            if (value.StartsWith("0o", StringComparison.Ordinal) && TryParseOctal(value[2..], out var octal))
                return JsonValue.Create(octal);
            if (Float().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
                return JsonValue.Create(real);
            // .inf and .nan have no JSON form: they stay text, which the schema then reports where a number is due.
            return JsonValue.Create(value);
        }

        /// <summary>A collection may carry only its own core tag: any other (<c>!!python/object</c>, <c>!custom</c>) names a type we
        /// would otherwise silently drop.</summary>
        private static void RequireCollectionTag(TagName tag, string kind, ParsingEvent at)
        {
            if (!tag.IsEmpty && !tag.IsNonSpecific && tag.Value != TagPrefix + kind)
                throw new YamlException(at.Start, at.End, $"unsupported tag '{tag.Value}'");
        }

        private static JsonNode? ResolveTagged(Scalar scalar, string tag)
        {
            var resolved = ResolvePlain(scalar.Value);
            var kind = resolved?.GetValueKind();
            var fits = tag switch
            {
                TagPrefix + "str" => true,
                TagPrefix + "null" => resolved is null,
                TagPrefix + "bool" => kind is JsonValueKind.True or JsonValueKind.False,
                TagPrefix + "int" => kind == JsonValueKind.Number && double.IsInteger(double.Parse(resolved!.ToJsonString(), CultureInfo.InvariantCulture)),
                TagPrefix + "float" => kind == JsonValueKind.Number,
                _ => throw new YamlException(scalar.Start, scalar.End, $"unsupported tag '{tag}'"),
            };
            if (!fits)
                throw new YamlException(scalar.Start, scalar.End, $"'{scalar.Value}' is not a valid {tag[TagPrefix.Length..]}");
            return tag == TagPrefix + "str" ? JsonValue.Create(scalar.Value) : resolved;
        }

        private static bool TryParseOctal(string digits, out long value)
        {
            value = 0;
            if (digits.Length is 0 or > 21)
                return false;
            foreach (var digit in digits)
            {
                if (digit is < '0' or > '7')
                    return false;
                value = value * 8 + (digit - '0');
            }

            return true;
        }
    }
}
