using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// One error policy, as a user meets it: the same fault has the same ErrorId in every cmdlet, an error in a
    /// bulk run says which execution it is about, and an I/O error is told apart by what the cmdlet was doing.
    /// </summary>
    public sealed class ErrorPolicyTests : IDisposable
    {
        private static readonly DateTime Now = DateTime.UtcNow;

        private readonly RedriveServer server = new RedriveServer();
        private readonly LoopbackEndpoint endpoint;
        private readonly PowerShellSession session = new PowerShellSession();
        private readonly string folder = Directory.CreateTempSubdirectory("sfnresume-errors-").FullName;

        public ErrorPolicyTests()
        {
            server.AddMachine("Orders", OrdersMachine.Definition, Now.AddDays(-400));
            endpoint = new LoopbackEndpoint(server.Handle);
        }

        public void Dispose()
        {
            session.Dispose();
            endpoint.Dispose();
            Directory.Delete(folder, recursive: true);
        }

        /// <summary>Histories a scan finds no failure point in: none at all, and a last event that links to itself.</summary>
        public static IEnumerable<object[]> DamagedHistories()
        {
            yield return new object[] { "no-events", Array.Empty<string>() };
            var history = OrdersMachine.FailedAtCharge().ToList();
            var last = history.Count;
            history[last - 1] = history[last - 1].Replace($"\"previousEventId\":{last - 1}", $"\"previousEventId\":{last}", StringComparison.Ordinal);
            yield return new object[] { "self-link", history };
        }

        private PowerShellResult Run(string script, params (string Name, object? Value)[] variables)
        {
            var all = variables.ToDictionary(v => v.Name, v => v.Value);
            all["endpoint"] = endpoint.Url;
            return session.Run(@"
                foreach ($command in 'Invoke-SfnRedrive', 'Test-SfnRedrive', 'Get-SfnFailurePoint', 'Save-SfnExecutionHistory') {
                    $PSDefaultParameterValues[""${command}:EndpointUrl""] = $endpoint
                    $PSDefaultParameterValues[""${command}:Region""] = 'eu-west-1'
                    $PSDefaultParameterValues[""${command}:AccessKey""] = 'AKIDEXAMPLE'
                    $PSDefaultParameterValues[""${command}:SecretKey""] = 'secret'
                }
                " + script, all);
        }

        private string FailedYesterday(string name) => server.AddExecution("Orders", name, Now.AddDays(-1).AddHours(-1), Now.AddDays(-1), OrdersMachine.FailedAtCharge());

        [Theory]
        [MemberData(nameof(DamagedHistories))]
        public void The_same_damaged_history_is_InvalidHistoryFile_in_every_cmdlet_naming_its_execution(string name, IReadOnlyList<string> events)
        {
            var good = FailedYesterday("good");
            var damaged = server.AddExecution("Orders", name, Now.AddDays(-1).AddHours(-1), Now.AddDays(-1), events);

            foreach (var command in new[] { "Get-SfnFailurePoint $arns", "Test-SfnRedrive -ExecutionArn $arns -Method GoTo", "Invoke-SfnRedrive -ExecutionArn $arns -Method GoTo -Force" })
            {
                var result = Run(command, ("arns", new[] { good, damaged }));

                Assert.Null(result.TerminatingError);
                var error = Assert.Single(result.Errors);
                var cmdlet = command.Split(' ')[0].Replace("-", string.Empty, StringComparison.Ordinal);
                Assert.Equal($"InvalidHistoryFile,SfnResume.PowerShell.Commands.{cmdlet}Command", error.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
                Assert.Equal(damaged, error.TargetObject);

                // In a bulk run the message alone must say which execution it is about: the console shows no target.
                Assert.Contains(damaged, error.ToString(), StringComparison.Ordinal);
                Assert.Contains("Save-SfnExecutionHistory", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
                Assert.Contains(result.Output, o => (string)o.Properties["ExecutionArn"].Value == good);
            }
        }

        [Fact]
        public void Every_error_of_every_cmdlet_names_what_it_is_about_and_says_what_to_do()
        {
            var missing = $"{RedriveServer.Account}:execution:Orders:gone";
            var succeeded = server.AddExecution("Orders", "fine", Now.AddDays(-2), Now.AddDays(-1), OrdersMachine.FailedAtCharge(), status: "SUCCEEDED");
            var nope = Path.Combine(folder, "nope.json");
            var examples = Path.Combine(TestPaths.RepositoryRoot, "examples");

            var result = Run(@"
                Get-SfnFailurePoint -Path $nope
                Get-SfnFailurePoint run-42, $missing, $succeeded
                New-SfnGoToStateMachine -DefinitionPath $examples -StateName Charge
                New-SfnGoToStateMachine -StateMachineArn 'Orders' -StateName Charge
                Start-SfnGoToExecution -StateMachineArn $missingMachine -EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret
                Save-SfnExecutionHistory $missing -Path $folder
                Test-SfnRedrive -ExecutionArn $missing
                Invoke-SfnRedrive -ExecutionArn $missing -Force",
                ("nope", nope), ("missing", missing), ("succeeded", succeeded), ("examples", examples), ("folder", folder), ("missingMachine", RedriveServer.MachineArn("Gone")));

            Assert.Null(result.TerminatingError);
            Assert.Equal(10, result.Errors.Count);
            foreach (var error in result.Errors)
            {
                Assert.False(string.IsNullOrWhiteSpace(error.ErrorDetails?.RecommendedAction), $"{error.FullyQualifiedErrorId} has no recommended action: {error}");
                Assert.True(error.TargetObject is string target && error.ToString().Contains(target, StringComparison.Ordinal), $"{error.FullyQualifiedErrorId}: the message does not name '{error.TargetObject}': {error}");
            }
        }

        [Fact]
        public void The_same_damaged_definition_file_is_InvalidDefinitionFile_in_every_cmdlet_naming_the_file()
        {
            var definition = Path.Combine(folder, "orders.asl.json");
            File.WriteAllText(definition, "{\"StartAt\": 1");
            var history = Path.Combine(TestPaths.RepositoryRoot, "examples", "parallel-failed.history.json");

            foreach (var command in new[] { "Get-SfnFailurePoint -Path $history -DefinitionPath $definition", "New-SfnGoToStateMachine -DefinitionPath $definition -StateName Prepare" })
            {
                var result = Run(command, ("history", history), ("definition", definition));

                var error = Assert.Single(result.Errors);
                var cmdlet = command.Split(' ')[0].Replace("-", string.Empty, StringComparison.Ordinal);
                Assert.Equal($"InvalidDefinitionFile,SfnResume.PowerShell.Commands.{cmdlet}Command", error.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
                Assert.Equal(definition, error.TargetObject);
                Assert.Contains(definition, error.ToString(), StringComparison.Ordinal);
                Assert.Contains("-DefinitionPath", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void A_failure_point_corrected_into_something_not_JSON_is_the_operators_input_in_the_redrive_cmdlets_too()
        {
            var arn = server.AddExecution("Orders", "closed-long-ago", Now.AddDays(-21), Now.AddDays(-20), OrdersMachine.FailedAtCharge(), redriveStatus: null);

            foreach (var command in new[] { "Test-SfnRedrive", "Invoke-SfnRedrive -Force" })
            {
                var result = Run($@"
                    $point = Get-SfnFailurePoint $arn
                    $point.ResumeInput = '{{""order"": 42,'
                    $point | {command}", ("arn", arn));

                var error = Assert.Single(result.Errors);
                var cmdlet = command.Split(' ')[0].Replace("-", string.Empty, StringComparison.Ordinal);
                Assert.Equal($"InvalidInput,SfnResume.PowerShell.Commands.{cmdlet}Command", error.FullyQualifiedErrorId);
                Assert.Equal(arn, error.TargetObject);
                Assert.Contains("has a ResumeInput that is not JSON", error.ToString(), StringComparison.Ordinal);

                // Invoke-SfnRedrive has no -Input: the advice is one it can follow.
                Assert.Equal("Correct ResumeInput on the failure point (one JSON value, such as '{\"order\":7}' or '\"text\"'), and pipe it again.", error.ErrorDetails.RecommendedAction);
            }

            Assert.Equal(0, endpoint.Count("CreateStateMachine") + endpoint.Count("StartExecution"));
        }

        [Fact]
        public void A_connection_cut_while_a_history_is_read_is_the_network_not_a_file_that_could_not_be_written()
        {
            using var cut = new CutConnectionEndpoint();
            var arn = FailedYesterday("cut");
            var file = Path.Combine(folder, "cut.json");

            var result = Run("Save-SfnExecutionHistory $arn -Path $file -EndpointUrl $cut", ("arn", arn), ("file", file), ("cut", cut.Url));

            Assert.True(cut.Answers > 0);
            var error = Assert.Single(result.Errors);
            Assert.Equal("EndpointUnreachable,SfnResume.PowerShell.Commands.SaveSfnExecutionHistoryCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Equal(arn, error.TargetObject);
            Assert.Contains(arn, error.ToString(), StringComparison.Ordinal);
            Assert.Contains(cut.Url, error.ToString(), StringComparison.Ordinal);
            Assert.False(File.Exists(file));
            Assert.False(File.Exists(file + ".partial"));
        }

        [Fact]
        public void A_file_that_cannot_be_written_is_FileWriteFailed_naming_the_file()
        {
            var arn = FailedYesterday("saved");
            var file = Path.Combine(folder, "no-such-folder", "saved.json");

            var result = Run("Save-SfnExecutionHistory $arn -Path $file", ("arn", arn), ("file", file));

            var error = Assert.Single(result.Errors);
            Assert.Equal("FileWriteFailed,SfnResume.PowerShell.Commands.SaveSfnExecutionHistoryCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.WriteError, error.CategoryInfo.Category);
            Assert.Equal(file, error.TargetObject);
            Assert.Contains(file, error.ToString(), StringComparison.Ordinal);
            Assert.Contains("choose another -Path", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        }
    }
}
