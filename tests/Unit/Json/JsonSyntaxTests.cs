using System.IO;
using System.Linq;
using System.Text;
using SfnResume.Definitions;
using SfnResume.GoTo;
using SfnResume.History;
using Xunit;

namespace SfnResume.Tests.Json
{
    /// <summary>
    /// Text that is not JSON, as the user hears of it: where it breaks as an editor counts (lines and columns
    /// from 1; System.Text.Json counts lines from 0 and columns in bytes from 0), why in a few words, and
    /// nothing of the parser's own terms; an empty file is said to be empty.
    /// </summary>
    public sealed class JsonSyntaxTests
    {
        // The bad token, x, is on line 3 (from 1), at column 5: two spaces, a 1, a space, then the x.
        private const string BrokenOnLine3 = "{\n  \"events\": [\n  1 x ]\n}";

        private static readonly string[] ParserTerms = { "LineNumber", "BytePositionInLine", "isFinalBlock", "reader options", "JSON tokens" };

        public static TheoryData<int> ChunkSizes => new TheoryData<int> { 3, 7, 64 * 1024 };

        private static HistoryFormatException HistoryError(string text, int chunkSize = 64 * 1024, bool byteOrderMark = false)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            using var stream = new MemoryStream(byteOrderMark ? new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bytes).ToArray() : bytes);
            return Assert.Throws<HistoryFormatException>(() => SavedHistory.Scan(new SavedHistoryFile(stream), stream, chunkSize));
        }

        private static void AssertNoParserTerms(string message)
        {
            foreach (var term in ParserTerms)
            {
                Assert.DoesNotContain(term, message);
            }
        }

        [Theory]
        [MemberData(nameof(ChunkSizes))]
        public void A_history_file_says_the_line_and_column_an_editor_shows_however_it_is_read(int chunkSize)
        {
            // A chunk of 3 bytes puts the bad token many chunks into the file: the reader's count must carry across them.
            var error = HistoryError("{\"events\": [\n{\"id\": 1,\n \"type\": \"ExecutionStarted\", x}]}", chunkSize);

            Assert.Equal("The file is not valid history JSON: line 3, column 30: 'x' where a property name in double quotes belongs.", error.Message);
        }

        [Fact]
        public void The_column_counts_characters_not_bytes_and_a_byte_order_mark_is_no_column()
        {
            // "é€😀" is 9 UTF-8 bytes and 4 UTF-16 characters (an editor shows 3 or 4; never 9).
            var error = HistoryError("{\n \"é€😀\": y}", byteOrderMark: true);

            Assert.StartsWith("The file is not valid history JSON: line 2, column 10: 'y' cannot start a value", error.Message);
        }

        [Theory]
        [InlineData("")]
        [InlineData("  \r\n\t ")]
        public void An_empty_history_file_is_said_to_be_empty(string text)
        {
            Assert.Equal("The file is empty.", HistoryError(text).Message);
            Assert.Equal("The file is empty.", HistoryError(text, byteOrderMark: true).Message);
        }

        [Fact]
        public void A_definition_says_where_it_breaks_and_that_it_is_empty()
        {
            var broken = Assert.Throws<DefinitionFormatException>(() => StateMachineDefinition.Parse(BrokenOnLine3));
            var empty = Assert.Throws<DefinitionFormatException>(() => StateMachineDefinition.Parse("\n"));

            Assert.Equal("The definition is not valid JSON: line 3, column 5: a ',' (or a closing '}' or ']') is missing before 'x'.", broken.Message);
            Assert.Equal("The definition is empty.", empty.Message);
        }

        [Theory]
        [InlineData("{\"a\": 1,\n  \"b\": 'two'}", "line 2, column 8: ''' cannot start a value (strings need double quotes; true, false and null are lower case)")]
        [InlineData("{\"a\": [1, 2}", "line 1, column 12: '}' closes nothing that is open")]
        [InlineData("{\"a\": [1]", "line 1, column 10: the text ends before every '{' and '[' is closed")]
        [InlineData("{\"a\": 1", "line 1, column 8: a number is not followed by ',', '}' or ']' (at '1')")]
        [InlineData("{\"a\": \"open", "line 1, column 12: the text ends inside a string: its closing '\"' is missing")]
        [InlineData("{\"a\" 1}", "line 1, column 6: a ':' is missing after the property name, before '1'")]
        [InlineData("{\"a\": tru}", "line 1, column 10: 'tru}' is not true")]
        [InlineData("{} {}", "line 1, column 4: '{' after the end of the value: only one value may be there")]
        [InlineData("   ", "the text is empty")]
        public void A_resume_input_that_is_not_JSON_says_where_and_why_in_words(string input, string expected)
        {
            var point = new FailurePoint { ExecutionName = "run-7", ResumeState = "Ship", ResumeInput = input };

            var error = Assert.Throws<ResumeRequestException>(() => ResumeRequest.FromFailurePoint(point, null, inputGiven: false, offline: true));

            Assert.Equal(expected, error.SyntaxError);
            Assert.Equal($"The failure point of 'run-7' has a ResumeInput that is not JSON: {expected}.", error.Message);
            AssertNoParserTerms(error.Message);
        }

        [Fact]
        public void No_message_shows_the_parsers_terms()
        {
            AssertNoParserTerms(HistoryError(BrokenOnLine3).Message);
            AssertNoParserTerms(HistoryError("").Message);
            AssertNoParserTerms(Assert.Throws<DefinitionFormatException>(() => StateMachineDefinition.Parse("")).Message);
            AssertNoParserTerms(Assert.Throws<DefinitionFormatException>(() => StateMachineDefinition.Parse("{\"StartAt\": \"A\",")).Message);
        }
    }
}
