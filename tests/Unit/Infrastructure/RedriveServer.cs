using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// A loopback Step Functions that keeps execution state, for what no emulator here does: RedriveExecution.
    /// State machines keep every revision with the date it became current, so DescribeStateMachineForExecution
    /// answers with the revision an execution started under, as AWS does. RedriveExecution follows the API
    /// reference: closed executions only, the client token makes a repeat a no-op, the redrive count goes up.
    /// A resumed run reads RUNNING for <see cref="RunningPolls"/> DescribeExecution calls, then ends as the test
    /// said. CreateStateMachine is idempotent like AWS's: the same name and definition answer with the existing
    /// machine, another definition is StateMachineAlreadyExists. Machines keep their tags (a machine added by the
    /// test has team=payments unless it gives its own; a created one has the request's), ListStateMachines and
    /// ListExecutions (newest first) page at <see cref="ListPageSize"/>, and DeleteStateMachine follows the API
    /// reference: the machine's running executions are stopped (ABORTED) and it is gone.
    /// </summary>
    public sealed class RedriveServer
    {
        public const string Account = "arn:aws:states:eu-west-1:123456789012";

        /// <summary>The role every state machine here has.</summary>
        public const string RoleArn = "arn:aws:iam::123456789012:role/orders";

        private readonly object gate = new object();
        private readonly Dictionary<string, Machine> machines = new Dictionary<string, Machine>(StringComparer.Ordinal);
        private readonly Dictionary<string, Execution> executions = new Dictionary<string, Execution>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, int> redrives = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);

        private readonly List<string> deleted = new List<string>();

        private readonly Dictionary<string, string> mapRuns = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>A Map Run DescribeMapRun answers with <paramref name="description"/> (the API's JSON).</summary>
        public void AddMapRun(string mapRunArn, string description)
        {
            lock (gate)
            {
                mapRuns[mapRunArn] = description;
            }
        }

        /// <summary>The most items one ListStateMachines or ListExecutions page holds, whatever maxResults asks.</summary>
        public int ListPageSize { get; set; } = 1000;

        /// <summary>The state machines DeleteStateMachine was called for, in order.</summary>
        public IReadOnlyList<string> Deleted
        {
            get
            {
                lock (gate)
                {
                    return deleted.ToList();
                }
            }
        }

        /// <summary>The machine is being deleted (DescribeStateMachine says DELETING): its executions have not all ended yet.</summary>
        public void MarkDeleting(string name)
        {
            lock (gate)
            {
                machines[MachineArn(name)].Deleting = true;
            }
        }

        /// <summary>Whether a state machine of the name exists.</summary>
        public bool HasMachine(string name)
        {
            lock (gate)
            {
                return machines.ContainsKey(MachineArn(name));
            }
        }

        /// <summary>How many DescribeExecution calls a resumed run answers RUNNING before it ends.</summary>
        public int RunningPolls { get; set; } = 1;

        /// <summary>
        /// From now on every run still RUNNING answers RUNNING for <paramref name="observations"/> more looks
        /// (DescribeExecution or a list), then ends: a later command finds them going, and sees them end.
        /// </summary>
        public void EndRunningAfter(int observations)
        {
            lock (gate)
            {
                foreach (var running in executions.Values.Where(e => e.Status == "RUNNING"))
                {
                    running.Polls = 0;
                }

                RunningPolls = observations;
            }
        }

        /// <summary>How a GoTo run ends; SUCCEEDED unless the test says otherwise.</summary>
        public string GoToOutcome { get; set; } = "SUCCEEDED";

        /// <summary>
        /// How the GoTo run of a given name ends, and the events it appends after ExecutionStarted (ids from 1,
        /// renumbered); null: <see cref="GoToOutcome"/> with no events.
        /// </summary>
        public Func<string, (string Status, IReadOnlyList<string> Events)?>? GoToRun { get; set; }

        /// <summary>RedriveExecution calls that redrove (not repeats of a token), per execution.</summary>
        public IReadOnlyDictionary<string, int> Redrives => redrives;

        /// <summary>
        /// Told of each run StartExecution starts on an Express state machine (its ARN, input and start), so a test can
        /// log its records as Step Functions would; the run is not kept, as Step Functions keeps no Express run.
        /// </summary>
        public Action<string, string, DateTime>? ExpressStarted { get; set; }

        /// <summary>The runs started on Express state machines, in order: ARN, machine, input.</summary>
        public IReadOnlyList<(string Arn, string StateMachineArn, string Input)> ExpressStarts
        {
            get
            {
                lock (expressStarts)
                {
                    return expressStarts.ToList();
                }
            }
        }

        /// <summary>Executions started on any machine: ARN, machine, input.</summary>
        public IReadOnlyList<(string Arn, string StateMachineArn, string Input)> Started
        {
            get
            {
                lock (gate)
                {
                    return executions.Values.Where(e => e.Started).Select(e => (e.Arn, e.StateMachineArn, e.Input)).ToList();
                }
            }
        }

        private readonly List<(string Arn, string StateMachineArn, string Input)> expressStarts = new List<(string, string, string)>();

        public static string MachineArn(string name) => $"{Account}:stateMachine:{name}";

        /// <param name="settings">Members DescribeStateMachine and DescribeStateMachineForExecution answer with besides
        /// the definition and role, such as <c>loggingConfiguration</c> and <c>encryptionConfiguration</c>.</param>
        public string AddMachine(string name, string definition, DateTime createdAt, string type = "STANDARD", IReadOnlyDictionary<string, string>? tags = null, IReadOnlyDictionary<string, object?>? settings = null)
        {
            lock (gate)
            {
                var machine = new Machine(MachineArn(name), name, type) { Settings = settings };
                foreach (var tag in tags ?? new Dictionary<string, string> { ["team"] = "payments" })
                {
                    machine.Tags.Add((tag.Key, tag.Value));
                }

                machine.Revisions.Add((Guid.NewGuid().ToString(), definition, createdAt));
                machines[machine.Arn] = machine;
                return machine.Arn;
            }
        }

        /// <summary>Publishes the current revision as the next version (PublishStateMachineVersion): its ARN, <c>...:name:1</c>, ...</summary>
        public string PublishVersion(string name)
        {
            lock (gate)
            {
                var machine = machines[MachineArn(name)];
                machine.Versions.Add(machine.Revisions.Count - 1);
                return $"{machine.Arn}:{machine.Versions.Count}";
            }
        }

        /// <summary>A new revision, current from <paramref name="at"/>.</summary>
        public void UpdateMachine(string name, string definition, DateTime at)
        {
            lock (gate)
            {
                machines[MachineArn(name)].Revisions.Add((Guid.NewGuid().ToString(), definition, at));
            }
        }

        /// <summary>
        /// A closed execution with its history. <paramref name="afterRedrive"/>: events a redrive appends and the
        /// status it ends with (null: it succeeds, appending ExecutionRedriven and ExecutionSucceeded).
        /// </summary>
        public string AddExecution(string machineName, string name, DateTime startDate, DateTime? stopDate, IReadOnlyList<string> history,
            string status = "FAILED", string? redriveStatus = "REDRIVABLE", string? redriveStatusReason = null, (string Status, IReadOnlyList<string> Events)? afterRedrive = null, int? version = null, string? mapRunArn = null,
            string input = "{}", bool express = false)
        {
            lock (gate)
            {
                var machine = machines[MachineArn(machineName)];

                // An Express child of a Map Run: listed and described by AWS, but without a history.
                var arn = express ? $"{Account}:express:{machineName}:{name}:{name}-0f5c7a4e" : $"{Account}:execution:{machineName}:{name}";
                executions[arn] = new Execution(arn, machine.Arn, input)
                {
                    Status = status,
                    StartDate = startDate,
                    StopDate = stopDate,
                    Events = history.ToList(),
                    RedriveStatus = redriveStatus,
                    RedriveStatusReason = redriveStatusReason,
                    AfterRedrive = afterRedrive,
                    Revision = version.HasValue ? machine.Versions[version.Value - 1] : machine.RevisionAt(startDate),
                    VersionArn = version.HasValue ? $"{machine.Arn}:{version.Value}" : null,
                    MapRunArn = mapRunArn,
                };
                return arn;
            }
        }

        /// <summary>AWS keeps a client token idempotent for 15 minutes: this is the time after.</summary>
        public void ForgetTokens()
        {
            lock (gate)
            {
                foreach (var execution in executions.Values)
                {
                    execution.Tokens.Clear();
                }
            }
        }

        public string StatusOf(string executionArn)
        {
            lock (gate)
            {
                return executions[executionArn].Status;
            }
        }

        public LoopbackResponse Handle(RecordedRequest request)
        {
            using var body = JsonDocument.Parse(request.Body);
            var root = body.RootElement;
            string Member(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
            lock (gate)
            {
                switch (request.Operation)
                {
                    case "DescribeExecution":
                        return executions.TryGetValue(Member("executionArn"), out var described) ? LoopbackResponse.Json(Describe(described)) : NoExecution(Member("executionArn"));
                    case "DescribeStateMachineForExecution":
                        if (!executions.TryGetValue(Member("executionArn"), out var ran))
                        {
                            return NoExecution(Member("executionArn"));
                        }

                        var owner = machines[ran.StateMachineArn];
                        var revision = owner.Revisions[ran.Revision];
                        return LoopbackResponse.Json(Serialize(owner.With(new Dictionary<string, object?>
                        {
                            ["stateMachineArn"] = owner.Arn,
                            ["name"] = owner.Name,
                            ["definition"] = revision.Definition,
                            ["roleArn"] = RoleArn,
                            ["revisionId"] = revision.Id,
                            ["updateDate"] = Epoch(revision.Since),
                        })));
                    case "DescribeStateMachine":
                        var (machine, shown) = MachineFor(Member("stateMachineArn"));
                        return machine != null
                            ? LoopbackResponse.Json(Serialize(machine.With(new Dictionary<string, object?>
                            {
                                ["stateMachineArn"] = Member("stateMachineArn"),
                                ["name"] = machine.Name,
                                ["status"] = machine.Deleting ? "DELETING" : "ACTIVE",
                                ["definition"] = shown.Definition,
                                ["roleArn"] = RoleArn,
                                ["type"] = machine.Type,
                                ["creationDate"] = Epoch(machine.Revisions[0].Since),
                                ["revisionId"] = shown.Id,
                            })))
                            : LoopbackResponse.Error("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{Member("stateMachineArn")}'");
                    case "ListExecutions":
                        return LoopbackResponse.Json(List(Member("stateMachineArn"), Member("statusFilter"), Member("redriveFilter"), root, Member("mapRunArn")));
                    case "GetExecutionHistory" when Member("executionArn").Contains(":express:", StringComparison.Ordinal):
                        return LoopbackResponse.Error("InvalidArn", $"Invalid Arn: 'Express executions have no history: {Member("executionArn")}'");
                    case "GetExecutionHistory":
                        return executions.TryGetValue(Member("executionArn"), out var history) ? HistoryServer.Page(history.Events, root) : NoExecution(Member("executionArn"));
                    case "RedriveExecution":
                        return executions.TryGetValue(Member("executionArn"), out var redriven) ? Redrive(redriven, Member("clientToken")) : NoExecution(Member("executionArn"));
                    case "ListTagsForResource":
                        return machines.TryGetValue(Member("resourceArn"), out var tagged)
                            ? LoopbackResponse.Json(Serialize(new Dictionary<string, object?> { ["tags"] = tagged.Tags.Select(t => new Dictionary<string, string> { ["key"] = t.Key, ["value"] = t.Value }).ToList() }))
                            : LoopbackResponse.Error("ResourceNotFound", $"Resource not found: '{Member("resourceArn")}'");
                    case "CreateStateMachine":
                        return Create(Member("name"), Member("definition"), root.TryGetProperty("type", out var type) ? type.GetString()! : "STANDARD", TagsOf(root));
                    case "ListStateMachines":
                        return LoopbackResponse.Json(ListMachines(root));
                    case "DeleteStateMachine":
                        return Delete(Member("stateMachineArn"));
                    case "UpdateStateMachine":
                        if (!machines.TryGetValue(Member("stateMachineArn"), out var updated))
                        {
                            return LoopbackResponse.Error("StateMachineDoesNotExist", Member("stateMachineArn"));
                        }

                        updated.Revisions.Add((Guid.NewGuid().ToString(), Member("definition"), DateTime.UtcNow));
                        return LoopbackResponse.Json($"{{\"updateDate\":{Epoch(DateTime.UtcNow)}}}");
                    case "StartExecution":
                        return Start(Member("stateMachineArn"), Member("name"), Member("input"));
                    case "DescribeMapRun":
                        return mapRuns.TryGetValue(Member("mapRunArn"), out var mapRun)
                            ? LoopbackResponse.Json(mapRun)
                            : LoopbackResponse.Error("ResourceNotFound", $"Map Run Does Not Exist: '{Member("mapRunArn")}'");
                    default:
                        return LoopbackResponse.Error("UnknownOperationException", request.Operation);
                }
            }
        }

        private static LoopbackResponse NoExecution(string arn) => LoopbackResponse.Error("ExecutionDoesNotExist", $"Execution Does Not Exist: '{arn}'");

        private static string Serialize(Dictionary<string, object?> members) => JsonSerializer.Serialize(members);

        private static string Epoch(DateTime at) => ((at - DateTime.UnixEpoch).TotalMilliseconds / 1000.0).ToString("F3", CultureInfo.InvariantCulture);

        private static double EpochNumber(DateTime at) => Math.Round((at - DateTime.UnixEpoch).TotalMilliseconds / 1000.0, 3);

        /// <summary>
        /// Newest first, a page at a time (maxResults, at most <see cref="ListPageSize"/>). Listing observes a run
        /// as a DescribeExecution does, so a run followed only through lists still ends after <see cref="RunningPolls"/>
        /// observations.
        /// </summary>
        /// <param name="mapRunArn">A Map Run whose children are listed instead of a state machine's executions.</param>
        private string List(string stateMachineArn, string statusFilter, string redriveFilter, JsonElement request, string mapRunArn = "")
        {
            foreach (var running in executions.Values.Where(e => e.StateMachineArn == stateMachineArn && e.Status == "RUNNING"))
            {
                if (++running.Polls > RunningPolls)
                {
                    running.Finish();
                }
            }

            var matching = executions.Values
                .Where(e => (mapRunArn.Length > 0 ? e.MapRunArn == mapRunArn : e.StateMachineArn == stateMachineArn) && (statusFilter.Length == 0 || e.Status == statusFilter))
                .Where(e => redriveFilter.Length == 0 || (redriveFilter == "REDRIVEN") == (e.RedriveCount > 0))
                .OrderByDescending(e => e.StartDate)
                .ToList();
            var (from, count, next) = PageOf(matching.Count, request);
            var listed = matching.Skip(from).Take(count)
                .Select(e => new Dictionary<string, object?>
                {
                    ["executionArn"] = e.Arn,
                    ["stateMachineArn"] = e.StateMachineArn,
                    ["name"] = e.Arn.Split(':')[7],
                    ["status"] = e.Status,
                    ["startDate"] = EpochNumber(e.StartDate),
                    ["stopDate"] = e.StopDate.HasValue ? EpochNumber(e.StopDate.Value) : null,
                    ["redriveCount"] = e.RedriveCount,
                    ["mapRunArn"] = e.MapRunArn,
                })
                .ToList();
            return Serialize(new Dictionary<string, object?> { ["executions"] = listed, ["nextToken"] = next });
        }

        /// <summary>Every machine, oldest first, a page at a time.</summary>
        private string ListMachines(JsonElement request)
        {
            var all = machines.Values.ToList();
            var (from, count, next) = PageOf(all.Count, request);
            var listed = all.Skip(from).Take(count).Select(m => new Dictionary<string, object?>
            {
                ["stateMachineArn"] = m.Arn,
                ["name"] = m.Name,
                ["type"] = m.Type,
                ["creationDate"] = EpochNumber(m.Revisions[0].Since),
            }).ToList();
            return Serialize(new Dictionary<string, object?> { ["stateMachines"] = listed, ["nextToken"] = next });
        }

        /// <summary>Where a page starts (nextToken is the offset), how many it holds, and the next page's token.</summary>
        private (int From, int Count, string? Next) PageOf(int total, JsonElement request)
        {
            var from = request.TryGetProperty("nextToken", out var token) && token.ValueKind == JsonValueKind.String ? int.Parse(token.GetString()!, CultureInfo.InvariantCulture) : 0;
            var asked = request.TryGetProperty("maxResults", out var max) && max.ValueKind == JsonValueKind.Number && max.GetInt32() > 0 ? max.GetInt32() : 100;
            var count = Math.Min(asked, ListPageSize);
            return (from, count, from + count < total ? (from + count).ToString(CultureInfo.InvariantCulture) : null);
        }

        /// <summary>
        /// As the API reference says: the machine's running executions are stopped, and it is deleted once none
        /// runs (here at once). A machine that does not exist is not an error.
        /// </summary>
        private LoopbackResponse Delete(string stateMachineArn)
        {
            deleted.Add(stateMachineArn);
            foreach (var running in executions.Values.Where(e => e.StateMachineArn == stateMachineArn && e.Status == "RUNNING"))
            {
                running.Status = "ABORTED";
                running.StopDate = DateTime.UtcNow;
            }

            machines.Remove(stateMachineArn);
            return LoopbackResponse.Json("{}");
        }

        private static List<(string Key, string Value)> TagsOf(JsonElement request)
        {
            var tags = new List<(string, string)>();
            if (request.TryGetProperty("tags", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var tag in list.EnumerateArray())
                {
                    tags.Add((tag.GetProperty("key").GetString()!, tag.GetProperty("value").GetString()!));
                }
            }

            return tags;
        }

        private string Describe(Execution execution)
        {
            if (execution.Status == "RUNNING" && ++execution.Polls > RunningPolls)
            {
                execution.Finish();
            }

            return Serialize(new Dictionary<string, object?>
            {
                ["executionArn"] = execution.Arn,
                ["stateMachineArn"] = execution.StateMachineArn,
                ["name"] = execution.Arn.Split(':')[7],
                ["status"] = execution.Status,
                ["startDate"] = EpochNumber(execution.StartDate),
                ["stopDate"] = execution.StopDate.HasValue ? EpochNumber(execution.StopDate.Value) : null,
                ["redriveCount"] = execution.RedriveCount,
                ["stateMachineVersionArn"] = execution.VersionArn,
                ["input"] = execution.Input,
                ["redriveStatus"] = execution.Status == "RUNNING" || execution.Status == "SUCCEEDED" ? "NOT_REDRIVABLE" : execution.RedriveStatus,
                ["redriveStatusReason"] = execution.Status == "RUNNING" ? "Execution is RUNNING and cannot be redriven" : execution.RedriveStatusReason,
            });
        }

        private LoopbackResponse Redrive(Execution execution, string clientToken)
        {
            if (clientToken.Length > 0 && execution.Tokens.TryGetValue(clientToken, out var redriveDate))
            {
                return LoopbackResponse.Json($"{{\"redriveDate\":{redriveDate}}}");
            }

            if (execution.Status != "FAILED" && execution.Status != "TIMED_OUT" && execution.Status != "ABORTED" || execution.RedriveStatus == "NOT_REDRIVABLE")
            {
                return LoopbackResponse.Error("ExecutionNotRedrivable", $"Execution {execution.Arn} is {execution.Status} and cannot be redriven");
            }

            execution.RedriveCount++;
            execution.Status = "RUNNING";
            execution.StopDate = null;
            execution.Polls = 0;
            execution.Events.Add(HistoryServer.Event(execution.Events.Count + 1, 0, "ExecutionRedriven", "executionRedrivenEventDetails", $"{{\"redriveCount\":{execution.RedriveCount}}}"));
            redrives.AddOrUpdate(execution.Arn, 1, (_, n) => n + 1);
            var date = Epoch(DateTime.UtcNow);
            if (clientToken.Length > 0)
            {
                execution.Tokens[clientToken] = date;
            }

            return LoopbackResponse.Json($"{{\"redriveDate\":{date}}}");
        }

        private LoopbackResponse Create(string name, string definition, string type, IReadOnlyList<(string Key, string Value)> tags)
        {
            var arn = MachineArn(name);
            if (machines.TryGetValue(arn, out var existing))
            {
                return existing.Current.Definition == definition
                    ? LoopbackResponse.Json($"{{\"stateMachineArn\":\"{arn}\",\"creationDate\":{Epoch(existing.Revisions[0].Since)}}}")
                    : LoopbackResponse.Error("StateMachineAlreadyExists", $"State Machine Already Exists: '{arn}'");
            }

            AddMachine(name, definition, DateTime.UtcNow, type, tags.ToDictionary(t => t.Key, t => t.Value));
            return LoopbackResponse.Json($"{{\"stateMachineArn\":\"{arn}\",\"creationDate\":{Epoch(DateTime.UtcNow)}}}");
        }

        /// <summary>A machine by its ARN or a version's (<c>...:name:2</c>), with the revision that ARN runs; null when there is none.</summary>
        private (Machine? Machine, (string Id, string Definition, DateTime Since) Revision) MachineFor(string arn)
        {
            var parts = arn.Split(':');
            if (parts.Length == 8 && machines.TryGetValue(string.Join(":", parts.Take(7)), out var versioned) && int.TryParse(parts[7], out var number) && number >= 1 && number <= versioned.Versions.Count)
            {
                return (versioned, versioned.Revisions[versioned.Versions[number - 1]]);
            }

            return machines.TryGetValue(arn, out var machine) ? (machine, machine.Current) : (null, default);
        }

        private LoopbackResponse Start(string stateMachineArn, string name, string input)
        {
            var (machine, revision) = MachineFor(stateMachineArn);
            if (machine == null)
            {
                return LoopbackResponse.Error("StateMachineDoesNotExist", stateMachineArn);
            }

            name = name.Length > 0 ? name : Guid.NewGuid().ToString();
            if (machine.Type == "EXPRESS")
            {
                // Not idempotent, and not kept: every start is a new run (its ARN ends in an id of its own), known
                // afterwards only from its logs, which whoever plays the log group writes.
                var expressArn = $"{Account}:express:{machine.Name}:{name}:{Guid.NewGuid()}";
                var at = DateTime.UtcNow;
                lock (expressStarts)
                {
                    expressStarts.Add((expressArn, machine.Arn, input));
                }

                ExpressStarted?.Invoke(expressArn, input, at);
                return LoopbackResponse.Json($"{{\"executionArn\":\"{expressArn}\",\"startDate\":{Epoch(at)}}}");
            }

            var arn = $"{Account}:execution:{machine.Name}:{name}";
            if (executions.TryGetValue(arn, out var existing))
            {
                // AWS: the same name and input while it runs answer with it; otherwise the name is taken.
                return existing.Status == "RUNNING" && existing.Input == input
                    ? LoopbackResponse.Json($"{{\"executionArn\":\"{arn}\",\"startDate\":{Epoch(existing.StartDate)}}}")
                    : LoopbackResponse.Error("ExecutionAlreadyExists", $"Execution Already Exists: '{arn}'");
            }

            var started = new Execution(arn, machine.Arn, input)
            {
                Status = "RUNNING",
                StartDate = DateTime.UtcNow,
                Started = true,
                Revision = machine.Revisions.IndexOf(revision),
                VersionArn = stateMachineArn == machine.Arn ? null : stateMachineArn,
                AfterRedrive = GoToRun?.Invoke(name) ?? (GoToOutcome, Array.Empty<string>()),
            };
            started.Events.Add(HistoryServer.Event(1, 0, "ExecutionStarted", "executionStartedEventDetails", JsonSerializer.Serialize(new { input })));
            executions[arn] = started;
            return LoopbackResponse.Json($"{{\"executionArn\":\"{arn}\",\"startDate\":{Epoch(started.StartDate)}}}");
        }

        private sealed class Machine
        {
            public Machine(string arn, string name, string type)
            {
                Arn = arn;
                Name = name;
                Type = type;
            }

            public string Arn { get; }

            public string Name { get; }

            public string Type { get; }

            public List<(string Key, string Value)> Tags { get; } = new List<(string, string)>();

            public bool Deleting { get; set; }

            /// <summary>More members of its description (logging, encryption), as AWS's answers have them.</summary>
            public IReadOnlyDictionary<string, object?>? Settings { get; set; }

            public List<(string Id, string Definition, DateTime Since)> Revisions { get; } = new List<(string, string, DateTime)>();

            public (string Id, string Definition, DateTime Since) Current => Revisions[Revisions.Count - 1];

            /// <summary>The revision each published version holds: version n at index n - 1.</summary>
            public List<int> Versions { get; } = new List<int>();

            /// <summary>A description with this machine's settings added.</summary>
            public Dictionary<string, object?> With(Dictionary<string, object?> members)
            {
                foreach (var setting in Settings ?? new Dictionary<string, object?>())
                {
                    members[setting.Key] = setting.Value;
                }

                return members;
            }

            public int RevisionAt(DateTime at)
            {
                var index = Revisions.FindLastIndex(r => r.Since <= at);
                return index < 0 ? 0 : index;
            }
        }

        private sealed class Execution
        {
            public Execution(string arn, string stateMachineArn, string input)
            {
                Arn = arn;
                StateMachineArn = stateMachineArn;
                Input = input;
            }

            public string Arn { get; }

            public string StateMachineArn { get; }

            public string Input { get; }

            public bool Started { get; set; }

            public string Status { get; set; } = "FAILED";

            public DateTime StartDate { get; set; }

            public DateTime? StopDate { get; set; }

            public int RedriveCount { get; set; }

            public string? RedriveStatus { get; set; }

            public string? RedriveStatusReason { get; set; }

            public int Revision { get; set; }

            /// <summary>The version it was started on; null for the machine itself.</summary>
            public string? VersionArn { get; set; }

            /// <summary>The Map Run that started it, for a child of a Distributed Map.</summary>
            public string? MapRunArn { get; set; }

            public int Polls { get; set; }

            public List<string> Events { get; set; } = new List<string>();

            public Dictionary<string, string> Tokens { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

            public (string Status, IReadOnlyList<string> Events)? AfterRedrive { get; set; }

            /// <summary>The resumed run ends: as planned, with its events appended and renumbered after the history so far.</summary>
            public void Finish()
            {
                var (status, events) = AfterRedrive ?? ("SUCCEEDED", Array.Empty<string>());
                var offset = Events.Count;
                foreach (var e in events)
                {
                    using var parsed = JsonDocument.Parse(e);
                    var id = parsed.RootElement.GetProperty("id").GetInt64() + offset;
                    var previous = parsed.RootElement.GetProperty("previousEventId").GetInt64();
                    var shifted = e.Replace($"\"id\":{parsed.RootElement.GetProperty("id").GetInt64()},", $"\"id\":{id},")
                        .Replace($"\"previousEventId\":{previous}", $"\"previousEventId\":{(previous == 0 ? 0 : previous + offset)}");
                    Events.Add(shifted);
                }

                if (events.Count == 0)
                {
                    Events.Add(HistoryServer.Event(Events.Count + 1, Events.Count, status == "SUCCEEDED" ? "ExecutionSucceeded" : "ExecutionFailed",
                        status == "SUCCEEDED" ? "executionSucceededEventDetails" : "executionFailedEventDetails",
                        status == "SUCCEEDED" ? "{\"output\":\"{}\"}" : "{\"error\":\"States.TaskFailed\",\"cause\":\"again\"}"));
                }

                Status = status;
                StopDate = DateTime.UtcNow;
            }
        }
    }
}
