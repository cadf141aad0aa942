using System.IO;
using System.Linq;
using System.Text.Json;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// TestState answers recorded against AWS (tests/fixtures/aws-recordings/test-state, from LocalStack's
    /// snapshot tests), read by file and test id.
    /// </summary>
    public static class TestStateRecordings
    {
        public static string Folder => Path.Combine(TestPaths.Fixtures, "aws-recordings", "test-state");

        /// <summary>One recorded case: the answer object under its single key (test_case_response, validation_exception, exception...).</summary>
        public static JsonElement Case(string file, string testId)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file)));
            return document.RootElement.GetProperty("cases").GetProperty(testId).EnumerateObject().Single().Value.Clone();
        }

        /// <summary>The error code and message AWS answered, whichever form the recording keeps them in.</summary>
        public static (string Code, string Message) Error(string file, string testId)
        {
            var answer = Case(file, testId);
            if (answer.TryGetProperty("Error", out var error))
            {
                return (error.GetProperty("Code").GetString()!, error.GetProperty("Message").GetString()!);
            }

            // "An error occurred (ValidationException) when calling the TestState operation: State not found in definition"
            var text = answer.GetProperty("exception_value").GetString()!;
            var message = text.Substring(text.IndexOf("operation: ", System.StringComparison.Ordinal) + "operation: ".Length);
            return (answer.GetProperty("exception_typename").GetString()!, message);
        }
    }
}
