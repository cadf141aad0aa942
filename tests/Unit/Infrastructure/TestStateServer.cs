using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// A loopback TestState that answers as the recordings of AWS show (<see cref="TestStateRecordings"/>):
    /// the same refusals in the same words (a mock on a state that calls nothing, a Map or Parallel without a
    /// mock, a Task without a role or a mock, a mocked result of the wrong shape, a state name not in the
    /// definition), and a state that fails on its input as <c>status</c> FAILED with HTTP 200. It runs the
    /// JSONPath data flow of one state on dotted paths (<c>$.a.b</c>): InputPath, Parameters, the mocked
    /// result or a Pass's Result, ResultSelector, ResultPath, OutputPath; a Fail state fails with its Error and
    /// Cause. A missing path fails with States.Runtime and the cause AWS writes for it (the recorded histories'
    /// texts; TestState's answers carry no "An error occurred while executing the state" prefix, as its recorded
    /// Map failure shows). Choice rules are not run: a test that needs them says what the answer is.
    /// </summary>
    public sealed class TestStateServer
    {
        private const string Validation = "test_state_mock_validation.json";
        private const string Scenarios = "test_test_state_scenarios.json";
        private const string Machines = "test_test_state_machine_scenarios.json";
        private const string Mocks = "test_test_state_mock_scenarios.json";

        /// <summary>Answers TestState; every other operation goes to <paramref name="others"/>.</summary>
        public Func<RecordedRequest, LoopbackResponse> Wrap(Func<RecordedRequest, LoopbackResponse> others)
            => request => request.Operation == "TestState" ? Handle(request) : others(request);

        public LoopbackResponse Handle(RecordedRequest request)
        {
            var body = JsonNode.Parse(request.Body)!.AsObject();
            var definition = JsonNode.Parse(Text(body, "definition")!)!.AsObject();
            var stateName = Text(body, "stateName");
            var state = stateName == null ? definition : Find(definition, stateName);
            if (state == null)
            {
                return Refuse(TestStateRecordings.Error(Machines, "TestStateMachineScenarios::test_base_state_name_validation_failures[dne]"));
            }

            var type = Text(state, "Type") ?? string.Empty;
            var mock = body["mock"] as JsonObject;
            var mocked = mock?["result"]?.GetValue<string>();
            if (mock != null && !(type == "Task" || type == "Map" || type == "Parallel"))
            {
                // Recorded for Pass, Fail and Succeed; Choice and Wait call nothing either.
                var (code, message) = TestStateRecordings.Error(Validation, "TestStateMockValidation::test_state_type_does_not_accept_mock[mock_result-PassState]");
                return Refuse((code, message.Replace("'Pass'", $"'{type}'", StringComparison.Ordinal)));
            }

            if (mock == null && (type == "Map" || type == "Parallel"))
            {
                return Refuse(TestStateRecordings.Error(Validation, "TestStateMockValidation::test_state_type_requires_mock[MapState]"));
            }

            if (mock == null && type == "Task" && Text(body, "roleArn") == null)
            {
                return Refuse(Recorded(Scenarios, "TestStateCaseScenarios::test_base_lambda_service_task_state_no_role_arn_validation"));
            }

            JsonNode? mockResult = null;
            if (mocked != null)
            {
                try
                {
                    mockResult = JsonNode.Parse(mocked);
                }
                catch (JsonException)
                {
                    return Refuse(Recorded(Mocks, "TestStateMockScenarios::test_base_lambda_service_task_mock_is_not_json_string"));
                }

                if (type == "Parallel" && !(mockResult is JsonArray))
                {
                    return Refuse(TestStateRecordings.Error(Validation, "TestStateMockValidation::test_mock_result_is_not_array_on_parallel_state"));
                }

                if (type == "Parallel" && ((JsonArray)mockResult!).Count != ((state["Branches"] as JsonArray)?.Count ?? 0))
                {
                    return Refuse(TestStateRecordings.Error(Validation, "TestStateMockValidation::test_mock_result_array_size_mismatch_on_parallel_state"));
                }

                if (type == "Map" && !state.ContainsKey("ResultWriter") && !(mockResult is JsonArray))
                {
                    return Refuse(TestStateRecordings.Error(Validation, "TestStateMockValidation::test_mock_result_is_not_array_on_map_state_without_result_writer"));
                }
            }

            return Run(state, type, JsonNode.Parse(Text(body, "input") ?? "{}"), mockResult);
        }

        private static LoopbackResponse Run(JsonObject state, string type, JsonNode? input, JsonNode? mockResult)
        {
            if (type == "Choice")
            {
                throw new NotSupportedException("The loopback TestState does not run Choice rules.");
            }

            if (type == "Fail")
            {
                // As recorded (test_base_inspection_level_info[BASE_FAIL_STATE]): FAILED with the state's Error and Cause.
                return Answer(new JsonObject { ["status"] = "FAILED", ["error"] = Text(state, "Error"), ["cause"] = Text(state, "Cause") });
            }

            var effective = input;
            if (Text(state, "InputPath") is string inputPath)
            {
                if (!TryRead(input, inputPath, out effective))
                {
                    return Runtime($"Invalid path '{inputPath}' : No results for path: $['{inputPath.Substring(2)}']");
                }
            }

            if (state["Parameters"] is JsonObject parameters)
            {
                var (built, failure) = Select(parameters, effective);
                if (failure != null)
                {
                    return failure;
                }

                effective = built;
            }

            var result = mockResult?.DeepClone() ?? (type == "Pass" ? state["Result"]?.DeepClone() ?? effective?.DeepClone() : effective?.DeepClone());
            if (state["ResultSelector"] is JsonObject selector)
            {
                var (selected, failure) = Select(selector, result);
                if (failure != null)
                {
                    return failure;
                }

                result = selected;
            }

            JsonNode? output;
            if (state.ContainsKey("ResultPath") && state["ResultPath"] == null)
            {
                output = input?.DeepClone();
            }
            else
            {
                var resultPath = Text(state, "ResultPath") ?? "$";
                output = resultPath == "$" ? result : Put(input?.DeepClone(), resultPath, result);
            }

            if (Text(state, "OutputPath") is string outputPath && !TryRead(output, outputPath, out output))
            {
                return Runtime($"Invalid path '{outputPath}' : No results for path: $['{outputPath.Substring(2)}']");
            }

            return Answer(new JsonObject
            {
                ["status"] = "SUCCEEDED",
                ["output"] = output?.ToJsonString() ?? "null",
                ["nextState"] = Text(state, "Next"),
            });
        }

        /// <summary>Parameters or ResultSelector: "field.$" members (at any depth) read a path of <paramref name="from"/>; the rest are copied.</summary>
        private static (JsonNode? Built, LoopbackResponse? Failure) Select(JsonObject template, JsonNode? from)
        {
            var built = new JsonObject();
            foreach (var member in template)
            {
                if (member.Key.EndsWith(".$", StringComparison.Ordinal))
                {
                    var path = member.Value!.GetValue<string>();
                    if (!TryRead(from, path, out var value))
                    {
                        return (null, Runtime($"The JSONPath '{path}' specified for the field '{member.Key}' could not be found in the input '{from?.ToJsonString()}'"));
                    }

                    built[member.Key.Substring(0, member.Key.Length - 2)] = value?.DeepClone();
                }
                else if (member.Value is JsonObject nested)
                {
                    var (inner, failure) = Select(nested, from);
                    if (failure != null)
                    {
                        return (null, failure);
                    }

                    built[member.Key] = inner;
                }
                else
                {
                    built[member.Key] = member.Value?.DeepClone();
                }
            }

            return (built, null);
        }

        private static bool TryRead(JsonNode? from, string path, out JsonNode? value)
        {
            value = from;
            foreach (var part in path.Split('.').Skip(1))
            {
                if (!(value is JsonObject node) || !node.TryGetPropertyValue(part, out value))
                {
                    value = null;
                    return false;
                }
            }

            return true;
        }

        private static JsonNode? Put(JsonNode? into, string path, JsonNode? value)
        {
            var root = into as JsonObject ?? new JsonObject();
            var parts = path.Split('.').Skip(1).ToArray();
            var node = root;
            foreach (var part in parts.Take(parts.Length - 1))
            {
                if (!(node[part] is JsonObject next))
                {
                    node[part] = next = new JsonObject();
                }

                node = next;
            }

            node[parts[parts.Length - 1]] = value;
            return root;
        }

        private static JsonObject? Find(JsonObject machine, string name)
        {
            if (!(machine["States"] is JsonObject states))
            {
                return null;
            }

            foreach (var entry in states)
            {
                var state = (JsonObject)entry.Value!;
                if (entry.Key == name)
                {
                    return state;
                }

                var inner = (state["Branches"] as JsonArray)?.OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>();
                foreach (var body in inner.Concat(new[] { state["ItemProcessor"] as JsonObject, state["Iterator"] as JsonObject }.OfType<JsonObject>()))
                {
                    var found = Find(body, name);
                    if (found != null)
                    {
                        return found;
                    }
                }
            }

            return null;
        }

        private static string? Text(JsonObject node, string name) => node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

        private static (string Code, string Message) Recorded(string file, string testId) => TestStateRecordings.Error(file, testId);

        private static LoopbackResponse Runtime(string cause) => Answer(new JsonObject { ["status"] = "FAILED", ["error"] = "States.Runtime", ["cause"] = cause });

        private static LoopbackResponse Answer(JsonObject answer)
        {
            foreach (var empty in answer.Where(m => m.Value == null).Select(m => m.Key).ToList())
            {
                answer.Remove(empty);
            }

            return LoopbackResponse.Json(answer.ToJsonString());
        }

        private static LoopbackResponse Refuse((string Code, string Message) error)
            => new LoopbackResponse(400, JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = "com.amazonaws.swf.service.v2.model#" + error.Code, ["message"] = error.Message }));
    }
}
