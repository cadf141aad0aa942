using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using SfnResume.Express;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.Express
{
    /// <summary>Get-SfnFailurePoint on an Express execution ARN, against a loopback that plays the machine and its log group.</summary>
    public sealed class ExpressFailurePointCmdletTests : IDisposable
    {
        private const string HistoryFile = "test_parallel_state_fail-e6bd3060bf.json";

        private readonly ExpressLogServer server = new ExpressLogServer();
        private readonly LoopbackEndpoint endpoint;
        private readonly PowerShellSession session = new PowerShellSession();
        private readonly TempFolder folder = new TempFolder();
        private readonly string failed = ExpressLogServer.ExecutionArn("failed-run");
        private readonly string historyText = File.ReadAllText(Path.Combine(TestPaths.Fixtures, "aws-histories", HistoryFile));

        public ExpressFailurePointCmdletTests()
        {
            server.Definition = File.ReadAllText(Path.Combine(TestPaths.Fixtures, "aws-definitions", "scenarios__parallel_state_fail.json"));
            server.Add(LogRecordFixtures.RecordsOf(historyText, failed));
            server.Add(LogRecordFixtures.RecordsOf(historyText, ExpressLogServer.ExecutionArn("another-run")));
            endpoint = new LoopbackEndpoint(server.Handle);
        }

        public void Dispose()
        {
            session.Dispose();
            endpoint.Dispose();
            folder.Dispose();
        }

        private PowerShellResult Run(string script, string arn) => session.Run(
            "$PSDefaultParameterValues['Get-SfnFailurePoint:EndpointUrl'] = $endpoint; $PSDefaultParameterValues['Get-SfnFailurePoint:Region'] = 'us-east-1'; "
            + "$PSDefaultParameterValues['Get-SfnFailurePoint:AccessKey'] = 'AKIDEXAMPLE'; $PSDefaultParameterValues['Get-SfnFailurePoint:SecretKey'] = 'secret'\n" + script,
            new Dictionary<string, object?> { ["endpoint"] = endpoint.Url, ["arn"] = arn });

        [Fact]
        public void An_express_arn_is_read_from_its_log_group_and_gives_what_the_history_gives()
        {
            var result = Run("Get-SfnFailurePoint $arn", failed);

            Assert.Empty(result.Errors);
            var point = (FailurePoint)Assert.Single(result.Output).BaseObject;
            var fromHistory = new SfnResume.History.FailurePointLocator().LocateInFile(Path.Combine(TestPaths.Fixtures, "aws-histories", HistoryFile), Path.Combine(TestPaths.Fixtures, "aws-definitions", "scenarios__parallel_state_fail.json"));
            Assert.Equal(fromHistory.FailedStatePath, point.FailedStatePath);
            Assert.Equal(fromHistory.ResumeState, point.ResumeState);
            Assert.Equal(fromHistory.ResumeInput, point.ResumeInput);
            Assert.Equal(JsonSerializer.Serialize(fromHistory.Containers), JsonSerializer.Serialize(point.Containers));
            Assert.Equal(failed, point.ExecutionArn);
            Assert.Equal(ExpressLogServer.MachineArn, point.StateMachineArn);

            // One DescribeStateMachine, the records a page at a time by the execution's filter, no history API.
            Assert.Equal(1, endpoint.Count("DescribeStateMachine"));
            var filters = endpoint.Requests.Where(r => r.Operation == "FilterLogEvents").ToList();
            Assert.True(filters.Count > 1);
            Assert.All(filters, r => Assert.Contains("{ $.execution_arn = \\\"" + failed + "\\\" }", r.Body));
            Assert.Equal(0, endpoint.Count("DescribeExecution") + endpoint.Count("GetExecutionHistory") + endpoint.Count("DescribeStateMachineForExecution"));
        }

        [Theory]
        [InlineData("OFF", false, false, null, "ExpressLoggingOff", "NotEnabled")]
        [InlineData("ERROR", false, false, null, "ExpressLogLevelTooLow", "NotEnabled")]
        [InlineData("ALL", true, false, null, "ExpressLogGroupNotFound", "ObjectNotFound")]
        [InlineData("ALL", false, true, "14 days", "ExpressRecordsNotFound", "ObjectNotFound")]
        public void What_the_logs_cannot_give_is_one_error_with_a_stable_id_naming_the_execution(string level, bool groupDeleted, bool otherArn, string? saying, string errorId, string category)
        {
            server.Level = level;
            server.LogGroupDeleted = groupDeleted;
            server.RetentionInDays = 14;
            var arn = otherArn ? ExpressLogServer.ExecutionArn("expired-run") : failed;

            var result = Run("Get-SfnFailurePoint $arn", arn);

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.Equal(errorId + ",SfnResume.PowerShell.Commands.GetSfnFailurePointCommand", error.FullyQualifiedErrorId);
            Assert.Equal(category, error.CategoryInfo.Category.ToString());
            Assert.Equal(arn, error.TargetObject);
            Assert.False(string.IsNullOrEmpty(error.ErrorDetails?.RecommendedAction));
            if (saying != null)
            {
                Assert.Contains(saying, error.ToString());
            }
        }

        [Fact]
        public void Logging_without_execution_data_gives_the_state_and_says_the_input_is_unknown()
        {
            server.IncludeExecutionData = false;
            var stripped = LogRecordFixtures.RecordsOf(historyText, ExpressLogServer.ExecutionArn("no-data-run"));
            foreach (var record in stripped)
            {
                var details = record["details"]!.AsObject();
                details.Remove("input");
                details.Remove("output");
            }

            server.Add(stripped);

            var result = Run("Get-SfnFailurePoint $arn -Verbose", ExpressLogServer.ExecutionArn("no-data-run"));

            Assert.Empty(result.Errors);
            var point = (FailurePoint)Assert.Single(result.Output).BaseObject;
            Assert.False(point.InputKnown);
            Assert.NotNull(point.ResumeState);
            Assert.Contains(result.Verbose, v => v.Contains("includeExecutionData false"));
        }

        [Fact]
        public void A_file_of_saved_records_binds_by_path_and_gives_one_answer_per_failed_execution()
        {
            var path = folder.Write("records.json", LogRecordFixtures.FilterLogEventsOutput(
                LogRecordFixtures.RecordsOf(historyText, failed), LogRecordFixtures.RecordsOf(historyText, ExpressLogServer.ExecutionArn("another-run"))));

            var result = session.Run("Get-SfnFailurePoint -Path $path", new Dictionary<string, object?> { ["path"] = path });

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { failed, ExpressLogServer.ExecutionArn("another-run") }, result.Output.Select(o => ((FailurePoint)o.BaseObject).ExecutionArn).OrderBy(a => a == failed ? 0 : 1));
            Assert.Empty(endpoint.Requests);
        }

        [Fact]
        public void MapRunChildren_on_a_file_of_records_is_said_not_to_apply_and_the_failure_points_come_as_without_it()
        {
            var path = folder.Write("records.json", LogRecordFixtures.FilterLogEventsOutput(LogRecordFixtures.RecordsOf(historyText, failed)));

            var result = session.Run("Get-SfnFailurePoint -Path $path -MapRunChildren", new Dictionary<string, object?> { ["path"] = path });

            Assert.Empty(result.Errors);
            Assert.Equal(failed, ((FailurePoint)Assert.Single(result.Output).BaseObject).ExecutionArn);
            var warning = Assert.Single(result.Warnings);
            Assert.Contains("-MapRunChildren does not apply", warning, StringComparison.Ordinal);
            Assert.Contains(path, warning, StringComparison.Ordinal);
            Assert.Empty(endpoint.Requests);
        }
    }
}
