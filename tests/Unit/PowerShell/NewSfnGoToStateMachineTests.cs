using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using SfnResume.Definitions;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>New-SfnGoToStateMachine and Start-SfnGoToExecution in a hosted engine, against a loopback store of state machines.</summary>
    public sealed class NewSfnGoToStateMachineTests : IDisposable
    {
        private const string Ran = @"{ ""StartAt"": ""Prepare"", ""States"": {
            ""Prepare"": { ""Type"": ""Pass"", ""Assign"": { ""attempt"": 1 }, ""Next"": ""Checkout"" },
            ""Checkout"": { ""Type"": ""Parallel"", ""Next"": ""Ship"", ""Branches"": [
                { ""StartAt"": ""Charge"", ""States"": { ""Charge"": { ""Type"": ""Task"", ""Resource"": ""arn:aws:states:::lambda:invoke"", ""End"": true } } } ] },
            ""Ship"": { ""Type"": ""Task"", ""Resource"": ""arn:aws:states:::lambda:invoke"", ""Next"": ""Done"" },
            ""Done"": { ""Type"": ""Succeed"" } } }";

        private readonly StateMachineServer machines = new StateMachineServer();
        private readonly LoopbackEndpoint endpoint;
        private readonly PowerShellSession session = new PowerShellSession();
        private readonly string sourceArn;
        private readonly string executionArn;

        public NewSfnGoToStateMachineTests()
        {
            // The execution ran Ran; the state machine has been changed since (a new state at the end).
            sourceArn = machines.Add("Orders", Ran.Replace("\"Done\": { \"Type\": \"Succeed\" }", "\"Done\": { \"Type\": \"Pass\", \"Next\": \"Audit\" }, \"Audit\": { \"Type\": \"Succeed\" }"),
                new Dictionary<string, string> { ["team"] = "payments", ["cost-center"] = "42" });
            executionArn = machines.AddExecution("Orders", "run-7", Ran);
            endpoint = new LoopbackEndpoint(machines.Handle);
        }

        public void Dispose()
        {
            session.Dispose();
            endpoint.Dispose();
        }

        private PowerShellResult Run(string script)
        {
            return session.Run(@"
                foreach ($command in 'New-SfnGoToStateMachine', 'Start-SfnGoToExecution') {
                    $PSDefaultParameterValues[""${command}:EndpointUrl""] = $endpoint
                    $PSDefaultParameterValues[""${command}:Region""] = 'eu-west-1'
                    $PSDefaultParameterValues[""${command}:AccessKey""] = 'AKIDEXAMPLE'
                    $PSDefaultParameterValues[""${command}:SecretKey""] = 'secret'
                }
                $point = [SfnResume.FailurePoint]::new()
                $point.ExecutionArn = $executionArn
                $point.ExecutionName = 'run-7'
                $point.StateMachineArn = $sourceArn
                $point.Status = 'FAILED'
                $point.ResumeState = 'Checkout'
                $point.ResumeInput = '{""cart"":[1,2],""customer"":{""country"":""XX""}}'
                " + script, new Dictionary<string, object?> { ["endpoint"] = endpoint.Url, ["executionArn"] = executionArn, ["sourceArn"] = sourceArn });
        }

        private static T Property<T>(PSObject item, string name) => (T)item.Properties[name].Value;

        private int Changes => endpoint.Count("CreateStateMachine") + endpoint.Count("UpdateStateMachine") + endpoint.Count("StartExecution");

        [Theory]
        [InlineData("$point.ResumeInput = '{\"order\": 7,'", "ResumeInput")]
        [InlineData("$v = [System.Collections.Generic.Dictionary[string,string]]::new(); $v['attempt'] = 'two'; $point.Variables = $v", "Variables['attempt']")]
        public void A_failure_point_corrected_by_hand_into_something_not_JSON_is_the_operators_input_to_fix(string edit, string property)
        {
            var file = Path.Combine(TestPaths.RepositoryRoot, "examples", "parallel.asl.json");
            var history = Path.Combine(TestPaths.RepositoryRoot, "examples", "parallel-failed.history.json");

            var result = session.Run($@"
                $point = Get-SfnFailurePoint -Path $history -DefinitionPath $file
                {edit}
                $point | New-SfnGoToStateMachine -DefinitionPath $file", new Dictionary<string, object?> { ["file"] = file, ["history"] = history });

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.Equal("InvalidInput,SfnResume.PowerShell.Commands.NewSfnGoToStateMachineCommand", error.FullyQualifiedErrorId);
            Assert.Equal("SfnResume.FailurePoint", error.TargetObject.GetType().FullName);
            Assert.Contains($"has a {property} that is not JSON", error.Exception.Message);
            // Where it breaks as an editor counts, without the parser's own terms.
            Assert.Matches(@"that is not JSON: line 1, column \d+: ", error.Exception.Message);
            Assert.DoesNotContain("BytePositionInLine", error.Exception.Message);
            Assert.Contains($"Correct {property} on the failure point", error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void A_damaged_output_the_copy_would_replay_is_an_invalid_history_naming_the_file_not_a_bug()
        {
            using var folder = new TempFolder();
            var (good, damaged, definition, _) = MapOutputHistories.Write(folder.FullName);

            var result = session.Run(@"
                foreach ($path in $good, $damaged) {
                    Get-SfnFailurePoint -Path $path -DefinitionPath $definition | New-SfnGoToStateMachine -DefinitionPath $definition
                }", new Dictionary<string, object?> { ["good"] = good, ["damaged"] = damaged, ["definition"] = definition });

            Assert.Null(result.TerminatingError);
            var copy = Assert.Single(result.Output);
            Assert.Equal("Precise", Property<string>(copy, "Precision"));
            var error = Assert.Single(result.Errors);
            Assert.Equal("InvalidHistoryFile,SfnResume.PowerShell.Commands.NewSfnGoToStateMachineCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Equal(damaged, error.TargetObject);
            Assert.Contains("is not Unicode", error.Exception.Message);
            Assert.Contains("Save-SfnExecutionHistory", error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void A_failure_point_makes_a_copy_of_the_definition_the_execution_ran_with_the_originals_settings_and_tags()
        {
            var result = Run("$point | New-SfnGoToStateMachine");

            Assert.Empty(result.Errors);
            var copy = Assert.Single(result.Output);
            Assert.Equal("SfnResume.GoToStateMachine", copy.BaseObject.GetType().FullName);
            Assert.Equal($"{StateMachineServer.Account}:stateMachine:Orders-goto", Property<string>(copy, "StateMachineArn"));
            Assert.Equal("New", Property<string>(copy, "Created"));
            Assert.Equal("Checkout", Property<string>(copy, "ResumeState"));

            var create = JsonDocument.Parse(endpoint.Requests.Single(r => r.Operation == "CreateStateMachine").Body).RootElement;
            Assert.Equal("Orders-goto", create.GetProperty("name").GetString());
            Assert.Equal("STANDARD", create.GetProperty("type").GetString());
            Assert.Equal("arn:aws:iam::123456789012:role/orders", create.GetProperty("roleArn").GetString());
            Assert.Equal("ERROR", create.GetProperty("loggingConfiguration").GetProperty("level").GetString());
            Assert.True(create.GetProperty("tracingConfiguration").GetProperty("enabled").GetBoolean());
            var tags = create.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("key").GetString()!, t => t.GetProperty("value").GetString()!);
            Assert.Equal("payments", tags["team"]);
            Assert.Equal("42", tags["cost-center"]);
            Assert.Equal(sourceArn, tags["sfnresume:source"]);
            Assert.Equal(64, tags["sfnresume:definition-sha256"].Length);

            // The copy is of the version that ran (no Audit state), not of the current definition.
            var definition = StateMachineDefinition.Parse(create.GetProperty("definition").GetString()!);
            Assert.Null(definition.Find("Audit"));
            Assert.Equal("GoToState", definition.StartAt);

            using var input = JsonDocument.Parse(Property<string>(copy, "Input"));
            var resuming = input.RootElement.GetProperty("resuming");
            Assert.Equal("Checkout", resuming.GetProperty("state").GetString());
            Assert.Equal("{\"cart\":[1,2],\"customer\":{\"country\":\"XX\"}}", resuming.GetProperty("input").GetRawText());
            Assert.Equal(JsonValueKind.Null, resuming.GetProperty("variables").GetProperty("attempt").ValueKind);

            // The source is never modified: its definition is as it was, and no change was addressed to it.
            Assert.NotNull(StateMachineDefinition.Parse(machines.DefinitionOf(sourceArn)!).Find("Audit"));
            Assert.Equal("Prepare", StateMachineDefinition.Parse(machines.DefinitionOf(sourceArn)!).StartAt);
            Assert.DoesNotContain(endpoint.Requests, r => r.Operation == "UpdateStateMachine");
        }

        [Fact]
        public void The_same_definition_reuses_the_copy_and_a_changed_one_updates_it_only_when_confirmed()
        {
            var first = Run("$point | New-SfnGoToStateMachine");
            var second = Run("$point | New-SfnGoToStateMachine");

            Assert.Equal("New", Property<string>(first.Output.Single(), "Created"));
            Assert.Equal("Reused", Property<string>(second.Output.Single(), "Created"));
            Assert.Equal(1, endpoint.Count("CreateStateMachine"));

            // From the state machine's current definition (which has Audit), the copy must change.
            var whatIf = Run("New-SfnGoToStateMachine -StateMachineArn $sourceArn -StateName Ship -Input '{\"parcel\":1}' -WhatIf");
            Assert.Empty(whatIf.Output);
            Assert.Equal(0, endpoint.Count("UpdateStateMachine"));

            var updated = Run("New-SfnGoToStateMachine -StateMachineArn $sourceArn -StateName Ship -Input @{ parcel = 1 } -Confirm:$false");
            Assert.Empty(updated.Errors);
            Assert.Equal("Updated", Property<string>(updated.Output.Single(), "Created"));
            Assert.Equal(1, endpoint.Count("UpdateStateMachine"));
            Assert.NotNull(StateMachineDefinition.Parse(machines.DefinitionOf($"{StateMachineServer.Account}:stateMachine:Orders-goto")!).Find("Audit"));
            Assert.Equal($"{StateMachineServer.Account}:stateMachine:Orders-goto", JsonDocument.Parse(endpoint.Requests.Single(r => r.Operation == "UpdateStateMachine").Body).RootElement.GetProperty("stateMachineArn").GetString());
        }

        [Fact]
        public void Without_input_the_online_and_offline_forms_warn_in_the_same_words()
        {
            using var folder = new TempFolder();
            var file = folder.Write("orders.asl.json", Ran);

            var online = Run("New-SfnGoToStateMachine -StateMachineArn $sourceArn -StateName Ship -WhatIf");
            var offline = session.Run("New-SfnGoToStateMachine -DefinitionPath $file -StateName Ship", new Dictionary<string, object?> { ["file"] = file });

            const string expected = "No input was given for 'Ship'; resuming with {}. Pass -Input to give it the input it needs.";
            Assert.Equal(expected, Assert.Single(online.Warnings));
            Assert.Equal(expected, Assert.Single(offline.Warnings));
        }

        [Fact]
        public void WhatIf_reads_but_sends_no_request_that_changes_anything()
        {
            var result = Run("$point | New-SfnGoToStateMachine -WhatIf; $point | New-SfnGoToStateMachine -WhatIf | Start-SfnGoToExecution -WhatIf");

            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            Assert.Equal(0, Changes);
            Assert.Contains(endpoint.Requests, r => r.Operation == "DescribeStateMachineForExecution");
            Assert.All(endpoint.Requests, r => Assert.StartsWith("Describe", r.Operation));
        }

        [Fact]
        public void A_nested_state_names_its_top_level_ancestor_and_an_unknown_one_lists_the_top_level_states()
        {
            var result = Run("$point | New-SfnGoToStateMachine -StateName Charge; $point | New-SfnGoToStateMachine -StateName Nope");

            Assert.Equal(2, result.Errors.Count);
            Assert.StartsWith("NotTopLevelState,", result.Errors[0].FullyQualifiedErrorId);
            Assert.Contains("'Checkout'", result.Errors[0].Exception.Message);
            Assert.Contains("-StateName 'Checkout'", result.Errors[0].ErrorDetails.RecommendedAction);
            Assert.StartsWith("UnknownState,", result.Errors[1].FullyQualifiedErrorId);
            Assert.Contains("'Prepare', 'Checkout', 'Ship', 'Done'", result.Errors[1].Exception.Message);
            Assert.Equal(0, Changes);
        }

        [Fact]
        public void The_output_binds_arn_input_and_the_resumes_own_name_into_a_Start_SFNExecution_shaped_command()
        {
            // Start-SFNExecution (AWS.Tools.StepFunctions) takes StateMachineArn, Input, Name and TraceHeader by property
            // name; Name is the execution's name: the resume's own, derived from the failed execution and the
            // attempt, so a retried pipeline cannot start the same resume twice.
            var result = Run(@"
                function Start-SFNExecution {
                    [CmdletBinding()]
                    param([Parameter(ValueFromPipelineByPropertyName)][string] $StateMachineArn,
                          [Parameter(ValueFromPipelineByPropertyName)][string] $Input,
                          [Parameter(ValueFromPipelineByPropertyName)][string] $Name,
                          [Parameter(ValueFromPipelineByPropertyName)][string] $TraceHeader)
                    process { '{0}|{1}|{2}' -f $StateMachineArn, ([bool]$Input), $Name }
                }
                $point | New-SfnGoToStateMachine | Start-SFNExecution");

            Assert.Empty(result.Errors);
            Assert.Matches($"^{StateMachineServer.Account}:stateMachine:Orders-goto\\|True\\|run-7-r1-[0-9a-f]{{8}}$", (string)result.Output.Single().BaseObject);
        }

        [Fact]
        public void InputPatch_corrects_the_recorded_input()
        {
            var result = Run("$point | New-SfnGoToStateMachine -InputPatch @{ customer = @{ country = 'DE' }; cart = $null; coupon = 'X1' }");

            Assert.Empty(result.Errors);
            using var input = JsonDocument.Parse(Property<string>(result.Output.Single(), "Input"));
            Assert.Equal("{\"customer\":{\"country\":\"DE\"},\"coupon\":\"X1\"}", JsonSerializer.Serialize(input.RootElement.GetProperty("resuming").GetProperty("input")));
        }

        [Fact]
        public void Offline_the_definition_is_rewritten_without_any_request()
        {
            var file = Path.GetTempFileName();
            File.WriteAllText(file, Ran);
            try
            {
                var result = session.Run("New-SfnGoToStateMachine -DefinitionPath $file -StateName Ship -Input '{\"parcel\":9}'", new Dictionary<string, object?> { ["file"] = file });

                Assert.Empty(result.Errors);
                var copy = result.Output.Single();
                Assert.Equal("Offline", Property<string>(copy, "Created"));
                Assert.Null(Property<string?>(copy, "StateMachineArn"));
                Assert.Equal("GoToState", StateMachineDefinition.Parse(Property<string>(copy, "Definition")).StartAt);
                Assert.Empty(endpoint.Requests);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void The_copy_pipes_into_Start_SfnGoToExecution_with_its_arn_and_input()
        {
            var result = Run("$point | New-SfnGoToStateMachine | Start-SfnGoToExecution -Name resume-1");

            Assert.Empty(result.Errors);
            Assert.Equal($"{StateMachineServer.Account}:execution:Orders-goto:resume-1", Property<string>(result.Output.Single(), "ExecutionArn"));
            var start = JsonDocument.Parse(endpoint.Requests.Single(r => r.Operation == "StartExecution").Body).RootElement;
            Assert.Equal($"{StateMachineServer.Account}:stateMachine:Orders-goto", start.GetProperty("stateMachineArn").GetString());
            Assert.Equal("resume-1", start.GetProperty("name").GetString());
            Assert.Equal("Checkout", JsonDocument.Parse(start.GetProperty("input").GetString()!).RootElement.GetProperty("resuming").GetProperty("state").GetString());
        }
    }
}
