using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// Plays an Express state machine and its log group for a loopback endpoint: DescribeStateMachine answers with the
    /// machine's logging configuration and definition, FilterLogEvents with the records matching an
    /// <c>execution_arn</c> filter pattern (a few a page, as CloudWatch Logs pages), DescribeLogGroups with the group's retention.
    /// </summary>
    public sealed class ExpressLogServer
    {
        public const string MachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Orders";
        public const string LogGroup = "/aws/vendedlogs/states/Orders";

        private readonly List<JsonObject> records = new List<JsonObject>();

        public string Level { get; set; } = "ALL";

        public bool IncludeExecutionData { get; set; } = true;

        public bool LogGroupDeleted { get; set; }

        public int? RetentionInDays { get; set; } = 30;

        public string Definition { get; set; } = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}";

        public int PageSize { get; set; } = 2;

        public static string ExecutionArn(string name) => "arn:aws:states:us-east-1:123456789012:express:Orders:" + name + ":0f5c7a4e-1111-2222-3333-444455556666";

        public void Add(IEnumerable<JsonObject> logged) => records.AddRange(logged);

        public LoopbackResponse Handle(RecordedRequest request)
        {
            using var body = JsonDocument.Parse(string.IsNullOrEmpty(request.Body) ? "{}" : request.Body);
            var input = body.RootElement;
            switch (request.Operation)
            {
                case "DescribeStateMachine":
                    var destinations = Level == "OFF" ? new JsonArray() : new JsonArray
                    {
                        new JsonObject { ["cloudWatchLogsLogGroup"] = new JsonObject { ["logGroupArn"] = "arn:aws:logs:us-east-1:123456789012:log-group:" + LogGroup + ":*" } },
                    };
                    return LoopbackResponse.Json(new JsonObject
                    {
                        ["stateMachineArn"] = MachineArn,
                        ["name"] = "Orders",
                        ["status"] = "ACTIVE",
                        ["definition"] = Definition,
                        ["roleArn"] = "arn:aws:iam::123456789012:role/orders",
                        ["type"] = "EXPRESS",
                        ["creationDate"] = 1700000000,
                        ["loggingConfiguration"] = new JsonObject { ["level"] = Level, ["includeExecutionData"] = IncludeExecutionData, ["destinations"] = destinations },
                    }.ToJsonString());
                case "FilterLogEvents":
                    if (LogGroupDeleted)
                    {
                        return new LoopbackResponse(400, @"{""__type"":""ResourceNotFoundException"",""message"":""The specified log group does not exist.""}");
                    }

                    var pattern = input.GetProperty("filterPattern").GetString()!;
                    var arn = pattern.Split('"')[1];
                    var matching = records.Where(r => r["execution_arn"]!.GetValue<string>() == arn).ToList();
                    var start = input.TryGetProperty("nextToken", out var token) ? int.Parse(token.GetString()!, CultureInfo.InvariantCulture) : 0;
                    var page = matching.Skip(start).Take(PageSize).ToList();
                    var events = new JsonArray();
                    foreach (var record in page)
                    {
                        events.Add(new JsonObject { ["logStreamName"] = "s", ["timestamp"] = 1, ["message"] = record.ToJsonString(), ["eventId"] = "e" });
                    }

                    var answer = new JsonObject { ["events"] = events };
                    if (start + PageSize < matching.Count)
                    {
                        answer["nextToken"] = (start + PageSize).ToString(CultureInfo.InvariantCulture);
                    }

                    return LoopbackResponse.Json(answer.ToJsonString());
                case "DescribeLogGroups":
                    var group = new JsonObject { ["logGroupName"] = LogGroup, ["storedBytes"] = 1 };
                    if (RetentionInDays != null)
                    {
                        group["retentionInDays"] = RetentionInDays;
                    }

                    return LoopbackResponse.Json(new JsonObject { ["logGroups"] = LogGroupDeleted ? new JsonArray() : new JsonArray { group } }.ToJsonString());
                default:
                    return new LoopbackResponse(400, "{\"__type\":\"InvalidAction\",\"message\":\"" + request.Operation + " is not played here\"}");
            }
        }
    }
}
