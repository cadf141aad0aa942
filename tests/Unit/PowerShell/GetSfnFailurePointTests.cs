using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using SfnResume.Tests.History;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>Get-SfnFailurePoint as a user runs it, against a loopback endpoint that plays executions, and on saved files.</summary>
    public sealed class GetSfnFailurePointTests : IDisposable
    {
        private const string Seed = "arn:aws:states:us-west-2:123456789012:execution:ParallelStateMachine:seed-run";
        private const string Succeeded = "arn:aws:states:us-west-2:123456789012:execution:ParallelStateMachine:fine-run";
        private const string Running = "arn:aws:states:us-west-2:123456789012:execution:ParallelStateMachine:busy-run";
        private const string Long = "arn:aws:states:us-west-2:123456789012:execution:Long:long-run";

        private readonly HistoryServer executions = new HistoryServer();
        private readonly LoopbackEndpoint endpoint;
        private readonly PowerShellSession session = new PowerShellSession();
        private readonly string seedFolder = Path.Combine(TestPaths.Fixtures, "seed");

        public GetSfnFailurePointTests()
        {
            using var seed = JsonDocument.Parse(File.ReadAllText(Path.Combine(seedFolder, "sample_execution_history.json")));
            var seedEvents = seed.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetRawText()).ToList();
            var definition = File.ReadAllText(Path.Combine(seedFolder, "ParallelStateMachine.asl.json"));
            executions.Add(Seed, seedEvents, definition: definition);
            executions.Add(Succeeded, HistoryServer.SimpleHistory(3), status: "SUCCEEDED", definition: definition);
            executions.Add(Running, HistoryServer.SimpleHistory(3), status: "RUNNING", definition: definition);
            executions.Add(Long, HandBuiltHistoryTests.LongHistoryFailingAtTheEnd().Events, definition: HandBuiltHistoryTests.LongHistoryDefinition());
            endpoint = new LoopbackEndpoint(executions.Handle);
        }

        public void Dispose()
        {
            session.Dispose();
            endpoint.Dispose();
        }

        private PowerShellResult Run(string script, params (string Name, object? Value)[] variables)
        {
            var all = new Dictionary<string, object?>
            {
                ["endpoint"] = endpoint.Url,
                ["seedFolder"] = seedFolder,
            };
            foreach (var (name, value) in variables)
            {
                all[name] = value;
            }

            // Connection settings the way a runbook sets them once per session.
            return session.Run("$PSDefaultParameterValues['Get-SfnFailurePoint:EndpointUrl'] = $endpoint; $PSDefaultParameterValues['Get-SfnFailurePoint:Region'] = 'us-west-2'; $PSDefaultParameterValues['Get-SfnFailurePoint:AccessKey'] = 'AKIDEXAMPLE'; $PSDefaultParameterValues['Get-SfnFailurePoint:SecretKey'] = 'secret'\n" + script, all);
        }

        private static T Property<T>(PSObject item, string name) => (T)item.Properties[name].Value;

        [Fact]
        public void An_arn_with_a_definition_file_is_analysed_with_that_definition_without_asking_for_the_one_it_ran()
        {
            // The ARN binds as an ARN, not as a path ('Cannot find drive arn'), and the file replaces the
            // DescribeStateMachineForExecution call (a role may not be allowed it).
            var result = Run("Get-SfnFailurePoint $arn -DefinitionPath ([IO.Path]::Combine($seedFolder, 'ParallelStateMachine.asl.json'))", ("arn", Seed));

            Assert.Empty(result.Errors);
            var point = Assert.Single(result.Output);
            Assert.Equal("Parallel 2 > branch 2 > Parallel Step 2, Process 2", Property<string>(point, "FailedStatePath"));
            Assert.Equal("Parallel 2", Property<string>(point, "ResumeState"));
            Assert.Equal(0, endpoint.Count("DescribeStateMachineForExecution"));
            Assert.Equal(1, endpoint.Count("DescribeExecution"));
        }

        [Fact]
        public void An_arn_string_from_the_pipeline_gives_the_failure_point()
        {
            var result = Run("$arn | Get-SfnFailurePoint", ("arn", Seed));

            Assert.Empty(result.Errors);
            var point = Assert.Single(result.Output);
            Assert.Equal("SfnResume.FailurePoint", point.BaseObject.GetType().FullName);
            Assert.Equal(Seed, Property<string>(point, "ExecutionArn"));
            Assert.Equal("seed-run", Property<string>(point, "ExecutionName"));
            Assert.Equal("arn:aws:states:us-west-2:123456789012:stateMachine:ParallelStateMachine", Property<string>(point, "StateMachineArn"));
            Assert.Equal("FAILED", Property<string>(point, "Status"));
            Assert.Equal("Parallel Step 2, Process 2", Property<string>(point, "FailedState"));
            Assert.Equal("Parallel 2 > branch 2 > Parallel Step 2, Process 2", Property<string>(point, "FailedStatePath"));
            Assert.Equal("Parallel 2", Property<string>(point, "ResumeState"));
            Assert.Equal("Lambda.Unknown", Property<string>(point, "Error"));
            Assert.Equal("JSONPath", Property<string>(point, "QueryLanguage"));
            Assert.Equal(24L, Property<long>(point, "EventId"));
            Assert.True(Property<bool>(point, "InputKnown"));
            using var input = JsonDocument.Parse(Property<string>(point, "ResumeInput"));
            Assert.Equal("Your message here", input.RootElement.GetProperty("Message").GetString());
        }

        [Fact]
        public void Objects_with_an_ExecutionArn_property_bind_and_the_input_is_readable_in_PowerShell()
        {
            var result = Run(@"
                $point = [pscustomobject]@{ ExecutionArn = $arn; Status = 'FAILED' } | Get-SfnFailurePoint
                $point.ResumeState
                [System.Text.Json.JsonDocument]::Parse($point.ResumeInput).RootElement.GetProperty('output').GetArrayLength()",
                ("arn", Seed));

            Assert.Empty(result.Errors);
            Assert.Equal(new object[] { "Parallel 2", 2 }, result.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void A_saved_history_is_read_with_its_definition_and_without_any_request()
        {
            var result = Run("Get-SfnFailurePoint -Path ([IO.Path]::Combine($seedFolder, 'sample_*.json')) -DefinitionPath ([IO.Path]::Combine($seedFolder, 'ParallelStateMachine.asl.json'))");

            Assert.Empty(result.Errors);
            var point = Assert.Single(result.Output);
            Assert.Equal("Parallel 2 > branch 2 > Parallel Step 2, Process 2", Property<string>(point, "FailedStatePath"));
            Assert.Equal("sample_execution_history", Property<string>(point, "ExecutionName"));
            Assert.Null(Property<string?>(point, "ExecutionArn"));
            Assert.EndsWith("sample_execution_history.json", Property<string>(point, "Source"));
            Assert.Empty(endpoint.Requests);
        }

        [Fact]
        public void FileInfo_objects_bind_to_LiteralPath()
        {
            var result = Run("[IO.FileInfo]::new([IO.Path]::Combine($seedFolder, 'sample_execution_history.json')) | Get-SfnFailurePoint");

            Assert.Empty(result.Errors);
            Assert.Equal("Parallel 2", Property<string>(Assert.Single(result.Output), "ResumeState"));
        }

        [Fact]
        public void A_succeeded_or_running_execution_is_an_error_that_does_not_stop_the_pipeline()
        {
            var result = Run("$fine, $busy, $seed | Get-SfnFailurePoint", ("fine", Succeeded), ("busy", Running), ("seed", Seed));

            Assert.Equal(2, result.Errors.Count);
            Assert.All(result.Errors, e =>
            {
                Assert.Equal("ExecutionNotFailed,SfnResume.PowerShell.Commands.GetSfnFailurePointCommand", e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidOperation, e.CategoryInfo.Category);
            });
            Assert.Equal(Succeeded, result.Errors[0].TargetObject);
            Assert.Contains("SUCCEEDED", result.Errors[0].Exception.Message);
            Assert.Contains("Stop-SFNExecution", result.Errors[1].ErrorDetails.RecommendedAction);
            Assert.Equal("seed-run", Property<string>(Assert.Single(result.Output), "ExecutionName"));
        }

        [Fact]
        public void Missing_executions_and_bad_files_have_their_own_error_ids()
        {
            var bad = Path.GetTempFileName();
            File.WriteAllText(bad, "{\"not\":\"a history\"}");
            try
            {
                var result = Run(@"
                    'arn:aws:states:us-west-2:123456789012:execution:ParallelStateMachine:gone' | Get-SfnFailurePoint
                    Get-SfnFailurePoint -LiteralPath $bad
                    Get-SfnFailurePoint -LiteralPath ($bad + '.missing')",
                    ("bad", bad));

                Assert.Equal(
                    new[] { "ExecutionDoesNotExist", "InvalidHistoryFile", "PathNotFound" },
                    result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
                Assert.Equal(
                    new[] { ErrorCategory.ObjectNotFound, ErrorCategory.InvalidData, ErrorCategory.ObjectNotFound },
                    result.Errors.Select(e => e.CategoryInfo.Category));
                Assert.Empty(result.Output);
            }
            finally
            {
                File.Delete(bad);
            }
        }

        [Fact]
        public void A_failure_in_the_last_thousand_of_25000_events_costs_one_history_request()
        {
            var result = Run("Get-SfnFailurePoint $arn", ("arn", Long));

            Assert.Empty(result.Errors);
            Assert.Equal("Finish", Property<string>(Assert.Single(result.Output), "FailedState"));
            Assert.Equal(1, endpoint.Count("GetExecutionHistory"));
            using var body = JsonDocument.Parse(endpoint.Requests.Single(r => r.Operation == "GetExecutionHistory").Body);
            Assert.True(body.RootElement.GetProperty("reverseOrder").GetBoolean());
            Assert.Equal(1000, body.RootElement.GetProperty("maxResults").GetInt32());
        }

        [Fact]
        public void A_failure_far_back_in_a_long_history_is_read_page_by_page_with_progress()
        {
            const string early = "arn:aws:states:us-west-2:123456789012:execution:Long:early-failure";

            // The failure at event 5, then 4,000 - 5 events linked to it, then the end: 4,001 events.
            var padded = new HistoryBuilder();
            padded.Started("{}");
            var failing = padded.FailingTask("Validate", "{\"batch\":1}", 0, "Validation.Failed");
            while (padded.LastId < 4000)
            {
                padded.Add("TaskStateAborted", failing);
            }

            padded.Failed(failing, "Validation.Failed", "early");
            executions.Add(early, padded.Events, definition: "{\"StartAt\":\"Validate\",\"States\":{\"Validate\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true}}}");

            var result = Run("Get-SfnFailurePoint $arn", ("arn", early));

            Assert.Empty(result.Errors);
            Assert.Equal("Validate", Property<string>(Assert.Single(result.Output), "FailedState"));
            // Pages of 1,000 newest first: the failure (event 5) and its state's entry (event 2) are in the 4th;
            // the 5th page, holding only ExecutionStarted, is never asked for.
            Assert.Equal(4, endpoint.Count("GetExecutionHistory"));
            Assert.Contains(result.Progress, p => p.StatusDescription.Contains("4000 events read"));
            Assert.Contains(result.Progress, p => p.RecordType == ProgressRecordType.Completed);
        }

        [Fact]
        public void Without_permission_to_read_the_definition_the_history_alone_answers()
        {
            executions.Add(Seed, executions.Describe(Seed), definition: null);

            var result = Run("Get-SfnFailurePoint $arn -Verbose", ("arn", Seed));

            Assert.Empty(result.Errors);
            var point = Assert.Single(result.Output);
            Assert.Equal("Parallel 2", Property<string>(point, "ResumeState"));
            Assert.Equal("Parallel 2 > Parallel Step 2, Process 2", Property<string>(point, "FailedStatePath"));
            Assert.Contains(result.Verbose, v => v.Contains("AccessDeniedException"));
        }
    }
}
