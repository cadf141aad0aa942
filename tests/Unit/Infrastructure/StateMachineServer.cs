using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// Keeps state machines for a loopback endpoint: Describe, DescribeStateMachineForExecution (the version an
    /// execution ran, which may differ from the current one), ListTagsForResource, Create, Update and StartExecution
    /// (which answers with an ARN and runs nothing).
    /// </summary>
    public sealed class StateMachineServer
    {
        public const string Account = "arn:aws:states:eu-west-1:123456789012";

        private readonly ConcurrentDictionary<string, Dictionary<string, object?>> machines = new ConcurrentDictionary<string, Dictionary<string, object?>>();
        private readonly ConcurrentDictionary<string, string> executionDefinitions = new ConcurrentDictionary<string, string>();

        public string Add(string name, string definition, Dictionary<string, string>? tags = null, string type = "STANDARD")
        {
            var arn = $"{Account}:stateMachine:{name}";
            machines[arn] = new Dictionary<string, object?>
            {
                ["stateMachineArn"] = arn,
                ["name"] = name,
                ["definition"] = definition,
                ["roleArn"] = "arn:aws:iam::123456789012:role/orders",
                ["type"] = type,
                ["creationDate"] = 1700000000.0,
                ["loggingConfiguration"] = new Dictionary<string, object?> { ["level"] = "ERROR", ["includeExecutionData"] = true },
                ["tracingConfiguration"] = new Dictionary<string, object?> { ["enabled"] = true },
                ["tags"] = (tags ?? new Dictionary<string, string>()).Select(t => new Dictionary<string, object?> { ["key"] = t.Key, ["value"] = t.Value }).ToList(),
            };
            return arn;
        }

        /// <summary>Records that an execution ran <paramref name="definition"/> (the current one may have changed since).</summary>
        public string AddExecution(string stateMachineName, string executionName, string definition)
        {
            var arn = $"{Account}:execution:{stateMachineName}:{executionName}";
            executionDefinitions[arn] = definition;
            return arn;
        }

        public string? DefinitionOf(string arn) => machines.TryGetValue(arn, out var machine) ? (string?)machine["definition"] : null;

        public LoopbackResponse Handle(RecordedRequest request)
        {
            using var body = JsonDocument.Parse(request.Body);
            var root = body.RootElement;
            string Member(string name) => root.TryGetProperty(name, out var v) ? v.GetString() ?? string.Empty : string.Empty;
            switch (request.Operation)
            {
                case "DescribeStateMachine":
                    return machines.TryGetValue(Member("stateMachineArn"), out var machine)
                        ? LoopbackResponse.Json(JsonSerializer.Serialize(machine.Where(p => p.Key != "tags").ToDictionary(p => p.Key, p => p.Value)))
                        : LoopbackResponse.Error("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{Member("stateMachineArn")}'");
                case "DescribeStateMachineForExecution":
                    var execution = Member("executionArn");
                    if (!executionDefinitions.TryGetValue(execution, out var ran))
                    {
                        return LoopbackResponse.Error("ExecutionDoesNotExist", execution);
                    }

                    var owner = machines[$"{Account}:stateMachine:{execution.Split(':')[6]}"];
                    return LoopbackResponse.Json(JsonSerializer.Serialize(new Dictionary<string, object?>
                    {
                        ["stateMachineArn"] = owner["stateMachineArn"],
                        ["name"] = owner["name"],
                        ["definition"] = ran,
                        ["roleArn"] = owner["roleArn"],
                        ["updateDate"] = 1700000000.0,
                        ["loggingConfiguration"] = owner["loggingConfiguration"],
                        ["tracingConfiguration"] = owner["tracingConfiguration"],
                    }));
                case "DescribeExecution":
                    // It keeps no runs: no resumed run exists.
                    return LoopbackResponse.Error("ExecutionDoesNotExist", $"Execution Does Not Exist: '{Member("executionArn")}'");
                case "ListTagsForResource":
                    return machines.TryGetValue(Member("resourceArn"), out var tagged)
                        ? LoopbackResponse.Json(JsonSerializer.Serialize(new { tags = tagged["tags"] }))
                        : LoopbackResponse.Error("ResourceNotFound", Member("resourceArn"));
                case "CreateStateMachine":
                    var created = Add(Member("name"), Member("definition"), root.TryGetProperty("tags", out var tags)
                        ? tags.EnumerateArray().ToDictionary(t => t.GetProperty("key").GetString()!, t => t.GetProperty("value").GetString()!)
                        : null, root.TryGetProperty("type", out var type) ? type.GetString()! : "STANDARD");
                    return LoopbackResponse.Json(JsonSerializer.Serialize(new { stateMachineArn = created, creationDate = 1700000001.0 }));
                case "UpdateStateMachine":
                    if (!machines.TryGetValue(Member("stateMachineArn"), out var updated))
                    {
                        return LoopbackResponse.Error("StateMachineDoesNotExist", Member("stateMachineArn"));
                    }

                    updated["definition"] = Member("definition");
                    return LoopbackResponse.Json("{\"updateDate\":1700000002.0}");
                case "StartExecution":
                    var target = Member("stateMachineArn");
                    if (!machines.ContainsKey(target))
                    {
                        return LoopbackResponse.Error("StateMachineDoesNotExist", target);
                    }

                    var name = root.TryGetProperty("name", out var n) ? n.GetString() : Guid.NewGuid().ToString();
                    return LoopbackResponse.Json(JsonSerializer.Serialize(new { executionArn = target.Replace(":stateMachine:", ":execution:") + ":" + name, startDate = 1700000003.0 }));
                default:
                    return LoopbackResponse.Error("UnknownOperationException", request.Operation);
            }
        }
    }
}
