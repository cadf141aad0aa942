using System.Linq;
using System.Text;
using System.Text.Json;
using SfnResume.Aws.Model;
using SfnResume.Aws.Serialization;
using Xunit;

namespace SfnResume.Tests.Aws
{
    /// <summary>
    /// Request bodies carry their payloads with only the escaping JSON needs, so a definition near the 1 MB
    /// request limit still fits, as it does with the AWS CLI.
    /// </summary>
    public sealed class RequestBodyTests
    {
        private const string Text = "Zahlung prüfen <Kasse> & 'Bon' + 日本語 \"quoted\" back\\slash";

        [Fact]
        public void A_definition_full_of_non_ASCII_and_markup_is_sent_within_5_percent_of_its_own_size()
        {
            var states = string.Join(",", Enumerable.Range(0, 2000).Select(i => $"\"{Text} {i}\":{{\"Type\":\"Pass\",\"Comment\":\"{JsonEncodedText.Encode(Text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}\",\"End\":true}}"));
            var definition = "{\"StartAt\":\"" + Text.Replace("\"", "\\\"").Replace("\\", "\\\\") + " 0\",\"States\":{" + states + "}}";
            var request = new CreateStateMachineRequest { Name = "Orders", Definition = definition, RoleArn = "arn:aws:iam::123456789012:role/sfn" };

            var body = JsonSerializer.SerializeToUtf8Bytes(request, SfnJson.Options);

            // The definition travels as a JSON string inside the body: its quotes and backslashes must be escaped, nothing else.
            var minimal = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(definition, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            Assert.True(body.Length <= minimal * 1.05, $"the body is {body.Length:N0} bytes for a definition of {minimal:N0}");
            var text = Encoding.UTF8.GetString(body);
            Assert.Contains("prüfen <Kasse> & 'Bon' + 日本語", text);
            Assert.Equal(definition, JsonSerializer.Deserialize<CreateStateMachineRequest>(body, SfnJson.Options)!.Definition);
        }

        [Fact]
        public void Control_characters_are_still_escaped()
        {
            var body = Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(new StartExecutionRequest { StateMachineArn = "arn", Input = "{\"bell\":\"a\u0007b\"}" }, SfnJson.Options));

            Assert.True(body.Contains("\\u0007", System.StringComparison.Ordinal), body);
            Assert.True(body.IndexOf((char)7) < 0, body);
        }
    }
}
