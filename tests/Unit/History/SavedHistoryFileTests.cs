using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using SfnResume.Aws.Model;
using SfnResume.Aws.Serialization;
using SfnResume.History;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.History
{
    /// <summary>
    /// Saved histories are scanned once, in chunks, and each event's details and payloads read from the file
    /// only when the analysis asks: the same events as the serializer reads, whatever the chunk size; damage
    /// reported where it is; the file closed once the answer is built.
    /// </summary>
    public sealed class SavedHistoryFileTests : IDisposable
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "sfnresume-saved-" + Guid.NewGuid().ToString("N"));

        public SavedHistoryFileTests()
        {
            Directory.CreateDirectory(folder);
        }

        public void Dispose() => Directory.Delete(folder, recursive: true);

        public static IEnumerable<object[]> ChunkSizes => new[] { 3, 7, 100, 4096, 64 * 1024 }.Select(size => new object[] { size });

        [Theory]
        [MemberData(nameof(ChunkSizes))]
        public void Every_recorded_history_reads_as_the_serializer_reads_it_whatever_the_chunk_size(int chunkSize)
        {
            var files = Directory.GetFiles(Path.Combine(TestPaths.Fixtures, "aws-histories"), "*.json");
            Assert.True(files.Length > 50);
            foreach (var path in files)
            {
                // The reference: the whole document through System.Text.Json's serializer and the event converter.
                using var document = JsonDocument.Parse(File.ReadAllText(path));
                var expected = document.RootElement.GetProperty("events").Deserialize<List<HistoryEvent>>(SfnJson.Options)!
                    .OrderBy(e => e.Id).Select(e => JsonSerializer.Serialize(e, SfnJson.Options)).ToList();

                // The scan keeps every state's outputs as it passes them, as it does for the states that end branches.
                var reference = document.RootElement.GetProperty("events").Deserialize<List<HistoryEvent>>(SfnJson.Options)!.OrderBy(e => e.Id).ToList();
                var names = reference.Select(e => e.Details?.Name).OfType<string>().Distinct();
                using var stream = File.OpenRead(path);
                using var saved = SavedHistory.Scan(new SavedHistoryFile(stream) { Kept = new KeptOutputs(names) }, stream, chunkSize);

                // What an analysis reads without building the details, and the outputs it keeps past the file.
                var outputs = saved.Events.Select(e => e.OutputPayload.Detach()).ToList();
                Assert.Equal(reference.Select(e => e.Details?.Name), saved.Events.Select(e => e.StateName));
                Assert.Equal(reference.Select(e => e.Details?.Index), saved.Events.Select(e => e.IterationIndex));
                Assert.Equal(reference.Select(e => e.Details?.AssignedVariables?.Count > 0), saved.Events.Select(e => e.AssignsVariables));
                Assert.Equal(reference.Select(Truncated), saved.Events.Select(e => e.OutputTruncated));

                // Writing an event back reads its details and every payload.
                var actual = saved.Events.Select(e => JsonSerializer.Serialize(e, SfnJson.Options)).ToList();
                Assert.Equal(expected, actual);
                saved.Dispose();
                Assert.Equal(reference.Select(e => e.Details?.Output), outputs.Select(output => output.Resolve()));
            }
        }

        private static bool Truncated(HistoryEvent e)
            => e.Details?.OtherMembers is { } others && others.TryGetValue("outputDetails", out var details)
                && details.ValueKind == JsonValueKind.Object && details.TryGetProperty("truncated", out var truncated) && truncated.ValueKind == JsonValueKind.True;

        [Theory]
        [MemberData(nameof(ChunkSizes))]
        public void Unknown_members_odd_casing_escapes_and_a_byte_order_mark_read_as_the_serializer_reads_them(int chunkSize)
        {
            const string events = @"[
                { ""timestamp"": 1.5, ""type"": ""ExecutionStarted"", ""id"": 1, ""previousEventId"": 0, ""extra"": [1, {""a"": null}],
                  ""executionStartedEventDetails"": { ""Input"": ""{\""caf\u00e9\"":\""\ud83d\ude00\""}"", ""inputDetails"": { ""truncated"": false }, ""roleArn"": ""arn:aws:iam::1:role/r"" } },
                { ""timestamp"": ""2024-05-01T10:00:00Z"", ""type"": ""MapIterationFailed"", ""id"": 2, ""previousEventId"": null,
                  ""mapIterationFailedEventDetails"": { ""name"": ""Fan\u006fut"", ""INDEX"": 3, ""cause"": null, ""error"": ""E"" } },
                { ""timestamp"": 3, ""type"": ""PassStateExited"", ""id"": 3, ""previousEventId"": 2,
                  ""stateExitedEventDetails"": { ""name"": ""P"", ""output"": ""{}"", ""assignedVariables"": { ""x"": ""1"", ""y"": ""\""two\"""" } } }
            ]";
            var expected = JsonSerializer.Deserialize<List<HistoryEvent>>(events, SfnJson.Options)!.Select(e => JsonSerializer.Serialize(e, SfnJson.Options));
            var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(events)).ToArray();

            using var stream = new MemoryStream(bytes);
            var read = SavedHistory.Scan(new SavedHistoryFile(stream), stream, chunkSize).Events;

            Assert.Equal(expected, read.Select(e => JsonSerializer.Serialize(e, SfnJson.Options)));
            Assert.Equal("{\"café\":\"😀\"}", read[0].Details!.Input);
            Assert.Equal(3, read[1].Details!.Index);
            Assert.Equal("\"two\"", read[2].Details!.AssignedVariables!["y"]);
        }

        [Fact]
        public void A_payload_the_answer_does_not_need_is_never_decoded_and_one_it_needs_is_reported_where_it_lies()
        {
            // An escaped lone surrogate is JSON but not text: only decoding the string finds it.
            const string broken = "{\\\"note\\\":\\\"\\ud800\\\"}";
            var early = WriteHistory("early.json", firstOutput: broken, failedInput: "{\\\"order\\\":7}");
            var needed = WriteHistory("needed.json", firstOutput: "{}", failedInput: broken);

            var point = new FailurePointLocator().LocateInFile(early, null);
            var error = Assert.Throws<HistoryFormatException>(() => new FailurePointLocator().LocateInFile(needed, null));

            Assert.Equal("Charge", point.ResumeState);
            Assert.Equal("{\"order\":7}", point.ResumeInput);
            Assert.Contains("is not Unicode", error.Message);
            Assert.Contains("at byte " + File.ReadAllText(needed).IndexOf("\"{\\\"note", StringComparison.Ordinal), error.Message);
        }

        [Fact]
        public void Details_of_the_wrong_kind_are_a_format_error_naming_the_event()
        {
            var path = Path.Combine(folder, "wrong-kind.json");
            File.WriteAllText(path, @"{""events"":[
                {""timestamp"":1,""type"":""ExecutionStarted"",""id"":1,""previousEventId"":0,""executionStartedEventDetails"":{""input"":""{}""}},
                {""timestamp"":2,""type"":""TaskStateEntered"",""id"":2,""previousEventId"":1,""stateEnteredEventDetails"":{""name"":5,""input"":""{}""}},
                {""timestamp"":3,""type"":""ExecutionFailed"",""id"":3,""previousEventId"":2,""executionFailedEventDetails"":{""error"":""E""}}]}");

            var error = Assert.Throws<HistoryFormatException>(() => new FailurePointLocator().LocateInFile(path, null));

            Assert.Contains("stateEnteredEventDetails of event 2 (TaskStateEntered)", error.Message);
        }

        [Fact]
        public void The_file_is_closed_once_the_answer_is_built_or_the_file_is_refused()
        {
            var good = WriteHistory("good.json", firstOutput: "{}", failedInput: "{}");
            var damaged = Path.Combine(folder, "damaged.json");
            File.WriteAllText(damaged, "{\"events\":[{\"timestamp\":1,\"type\":\"ExecutionStarted\",\"id\":1,");

            new FailurePointLocator().LocateInFile(good, null);
            Assert.Throws<HistoryFormatException>(() => new FailurePointLocator().LocateInFile(damaged, null));

            // Nothing holds either file: both can be opened alone and deleted, as an operator would next.
            foreach (var path in new[] { good, damaged })
            {
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }

                File.Delete(path);
            }
        }

        [Fact]
        public void Details_asked_for_after_the_file_is_closed_say_so()
        {
            var path = WriteHistory("closed.json", firstOutput: "{}", failedInput: "{}");
            IReadOnlyList<HistoryEvent> events;
            using (var saved = SavedHistory.Open(path))
            {
                events = saved.Events;
            }

            Assert.Throws<ObjectDisposedException>(() => events[1].Details);
        }

        [Fact]
        public void Iteration_outputs_are_read_only_when_asked_for_after_the_file_is_gone_and_damage_is_reported_then()
        {
            // A Map's outputs matter only to a GoTo copy that replays them: the analysis copies them out of the
            // file undecoded, and the copy decodes them, long after the file closed (here: was deleted).
            var (good, damaged, definition, damagedAt) = MapOutputHistories.Write(folder);

            var point = new FailurePointLocator().LocateInFile(good, definition);
            var damagedPoint = new FailurePointLocator().LocateInFile(damaged, definition);
            File.Delete(good);
            File.Delete(damaged);

            var finished = point.Containers[0].Branches[0];
            Assert.True(finished.CanReplay);
            Assert.Equal("{\"done\":1}", finished.Output);
            var broken = damagedPoint.Containers[0].Branches[0];
            Assert.True(broken.CanReplay);
            var error = Assert.Throws<HistoryFormatException>(() => broken.Output);
            Assert.Contains("is not Unicode", error.Message);
            Assert.Contains("at byte " + damagedAt, error.Message);
        }

        /// <summary>Prepare (a Pass) then Charge (a Task) that fails; the payloads as escaped JSON text.</summary>
        private string WriteHistory(string name, string firstOutput, string failedInput)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, $@"{{""events"":[
                {{""timestamp"":1,""type"":""ExecutionStarted"",""id"":1,""previousEventId"":0,""executionStartedEventDetails"":{{""input"":""{{}}""}}}},
                {{""timestamp"":2,""type"":""PassStateEntered"",""id"":2,""previousEventId"":1,""stateEnteredEventDetails"":{{""name"":""Prepare"",""input"":""{{}}""}}}},
                {{""timestamp"":3,""type"":""PassStateExited"",""id"":3,""previousEventId"":2,""stateExitedEventDetails"":{{""name"":""Prepare"",""output"":""{firstOutput}""}}}},
                {{""timestamp"":4,""type"":""TaskStateEntered"",""id"":4,""previousEventId"":3,""stateEnteredEventDetails"":{{""name"":""Charge"",""input"":""{failedInput}""}}}},
                {{""timestamp"":5,""type"":""TaskFailed"",""id"":5,""previousEventId"":4,""taskFailedEventDetails"":{{""error"":""E"",""cause"":""boom""}}}},
                {{""timestamp"":6,""type"":""ExecutionFailed"",""id"":6,""previousEventId"":5,""executionFailedEventDetails"":{{""error"":""E"",""cause"":""boom""}}}}]}}");
            return path;
        }
    }
}
