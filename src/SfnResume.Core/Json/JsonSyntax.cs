using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SfnResume.Json
{
    /// <summary>
    /// System.Text.Json's complaint about text that is not JSON, said for a person: where, as an editor counts
    /// (line and column from 1; the parser counts lines from 0 and the column in UTF-8 bytes from 0), and what
    /// is wrong, in a few words without the parser's terms ("BytePositionInLine", "isFinalBlock").
    /// </summary>
    public static class JsonSyntax
    {
        private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };

        // " LineNumber: 2 | BytePositionInLine: 3." and, from the serializer, "Path: $.x | LineNumber: ...".
        private static readonly Regex PositionSuffix = new Regex(@"\s*(?:Path: \S*\s*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?\s*$", RegexOptions.CultureInvariant);

        /// <summary>The parser's messages (System.Text.Json's resources) and how a person would say them.</summary>
        private static readonly (Regex Message, string Reason)[] Reasons =
        {
            (Pattern(@"^The input does not contain any (?:complete )?JSON tokens\."), "the text is empty"),
            (Pattern(@"^'(?<c>.+?)' is an invalid start of a value\."), "'{c}' cannot start a value (strings need double quotes; true, false and null are lower case)"),
            (Pattern(@"^'(?<c>.+?)' is an invalid start of a property name\."), "'{c}' where a property name in double quotes belongs"),
            (Pattern(@"^'(?<c>.+?)' is an invalid start of a property name or value, after a comment\."), "'{c}' after a comment, where a property name or a value belongs"),
            (Pattern(@"^'(?<c>.+?)' is invalid after a property name\."), "a ':' is missing after the property name, before '{c}'"),
            (Pattern(@"^'(?<c>.+?)' is invalid after a value\."), "a ',' (or a closing '}' or ']') is missing before '{c}'"),
            (Pattern(@"^'(?<c>.+?)' is invalid after a single JSON value\."), "'{c}' after the end of the value: only one value may be there"),
            (Pattern(@"^Expected depth to be zero at the end of the JSON payload\."), "the text ends before every '{' and '[' is closed"),
            (Pattern(@"^Expected end of string, but instead reached end of data\."), "the text ends inside a string: its closing '\"' is missing"),
            (Pattern(@"^Expected (?:a value|start of a property name or value|a digit \('0'-'9'\)), but instead reached end of data\."), "the text ends where a value should follow"),
            (Pattern(@"^Expected end of comment, but instead reached end of data\."), "the text ends inside a comment"),
            (Pattern(@"^'(?<c>.+?)' is invalid within a JSON string\."), "a control character ({c}) inside a string must be escaped, such as \\n for a line break"),
            (Pattern(@"^'(?<c>.+?)' is an invalid escapable character within a JSON string\."), "'\\{c}' is no escape in JSON (a backslash is written \\\\)"),
            (Pattern(@"^'(?<c>.+?)' is not a hex digit following '\\u' within a JSON string\."), "four hex digits must follow \\u, not '{c}'"),
            (Pattern(@"^The JSON object contains a trailing comma"), "a ',' before the closing '}': JSON allows no comma after the last member"),
            (Pattern(@"^The JSON array contains a trailing comma"), "a ',' before the closing ']': JSON allows no comma after the last item"),
            (Pattern(@"^'(?<c>.+?)' is invalid without a matching open\."), "'{c}' closes nothing that is open"),
            (Pattern(@"^'(?<c>.+?)' is an invalid JSON literal\. Expected the literal '(?<l>\w+)'\."), "'{c}' is not {l}"),
            (Pattern(@"^'(?<c>.+?)' is an invalid end of a number\."), "a number is not followed by ',', '}' or ']' (at '{c}')"),
            (Pattern(@"^'(?<c>.+?)' is invalid within a number, immediately after a decimal point"), "a digit must follow the decimal point, not '{c}'"),
            (Pattern(@"^'(?<c>.+?)' is invalid within a number, immediately after a sign character"), "a digit must follow the sign, not '{c}'"),
            (Pattern(@"^Invalid leading zero before '(?<c>.+?)'\."), "a number cannot start with 0 followed by '{c}'"),
            (Pattern(@"^The maximum configured depth of (?<c>\d+) has been exceeded\."), "objects and arrays nest deeper than {c} levels"),
            (Pattern(@"^'(?<c>.+?)' is invalid after '/' at the beginning of the comment\."), "'/' followed by '{c}': JSON has no such comment"),
        };

        /// <summary>Whether <paramref name="text"/> holds nothing but whitespace: "empty" says more than any parser message.</summary>
        public static bool IsBlank(string? text)
        {
            if (text == null)
            {
                return true;
            }

            foreach (var c in text)
            {
                if (!IsJsonWhitespace(c) && c != '\uFEFF')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether <paramref name="stream"/>, from its start, holds nothing but a byte order mark and whitespace.</summary>
        public static bool IsBlank(Stream stream)
        {
            stream.Position = 0;
            var buffer = new byte[4096];
            var first = true;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var start = first && read >= 3 && buffer[0] == Utf8Bom[0] && buffer[1] == Utf8Bom[1] && buffer[2] == Utf8Bom[2] ? 3 : 0;
                first = false;
                for (var i = start; i < read; i++)
                {
                    if (!IsJsonWhitespace((char)buffer[i]))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// What is wrong with <paramref name="text"/>, for "... is not valid JSON: {this}.": "line 3, column 4:
        /// 'x' cannot start a value" when the parser said where, "the text is empty" for blank text, else the
        /// error's own words without the parser's position.
        /// </summary>
        public static string Describe(Exception error, string? text)
        {
            if (text != null && IsBlank(text))
            {
                return "the text is empty";
            }

            using var bytes = text == null ? null : new MemoryStream(Encoding.UTF8.GetBytes(text));
            return Describe(error, (Stream?)bytes);
        }

        /// <summary>As <see cref="Describe(Exception, string?)"/>, for text read from a seekable stream whose start is the text's start; the stream stays open.</summary>
        public static string Describe(Exception error, Stream? source)
        {
            if (source != null && IsBlank(source))
            {
                return "the text is empty";
            }

            var reason = Reason(error);
            if (!(error is JsonException json) || json.LineNumber == null)
            {
                return reason;
            }

            var line = json.LineNumber.Value;
            var bytes = json.BytePositionInLine ?? 0;
            var column = (source == null ? null : CharactersBefore(source, line, bytes)) ?? bytes;
            return $"line {line + 1}, column {column + 1}: {reason}";
        }

        /// <summary>The error's words for a person: the parser's position suffix dropped, its message said plainly.</summary>
        public static string Reason(Exception error)
        {
            var message = PositionSuffix.Replace(error.Message, string.Empty).Trim();
            foreach (var (pattern, reason) in Reasons)
            {
                var match = pattern.Match(message);
                if (match.Success)
                {
                    return reason.Replace("{c}", match.Groups["c"].Value).Replace("{l}", match.Groups["l"].Value);
                }
            }

            return message.TrimEnd('.');
        }

        /// <summary>
        /// How many characters the first <paramref name="bytes"/> UTF-8 bytes of line <paramref name="line"/>
        /// (from 0; lines end at '\n', as the parser counts them) hold; null when the text is shorter.
        /// </summary>
        private static long? CharactersBefore(Stream stream, long line, long bytes)
        {
            stream.Position = 0;
            var lineBytes = new List<byte>();
            long lineNumber = 0;
            var buffer = new byte[4096];
            var first = true;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var start = first && read >= 3 && buffer[0] == Utf8Bom[0] && buffer[1] == Utf8Bom[1] && buffer[2] == Utf8Bom[2] ? 3 : 0;
                first = false;
                for (var i = start; i < read; i++)
                {
                    if (lineNumber == line)
                    {
                        if (lineBytes.Count >= bytes)
                        {
                            return CountCharacters(lineBytes);
                        }

                        lineBytes.Add(buffer[i]);
                    }

                    if (buffer[i] == (byte)'\n' && ++lineNumber > line)
                    {
                        return null;
                    }
                }
            }

            return lineNumber == line && lineBytes.Count >= bytes ? CountCharacters(lineBytes) : (long?)null;
        }

        private static long CountCharacters(List<byte> bytes) => new UTF8Encoding(false, false).GetCharCount(bytes.ToArray());

        private static bool IsJsonWhitespace(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n';

        private static Regex Pattern(string pattern) => new Regex(pattern, RegexOptions.CultureInvariant);
    }
}
