using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SfnResume.Permissions;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.Permissions
{
    /// <summary>Get-SfnResumePolicy in a hosted engine, reading state machines from the loopback Step Functions.</summary>
    public sealed class GetSfnResumePolicyTests : IDisposable
    {
        private const string Connection = "-EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret";

        private readonly PermissionWorld world = new PermissionWorld();
        private readonly PowerShellSession session = new PowerShellSession();

        public void Dispose()
        {
            session.Dispose();
            world.Dispose();
        }

        [Fact]
        public void It_reads_the_role_logging_and_key_and_writes_what_they_call_for()
        {
            using var endpoint = new LoopbackEndpoint(world.Handler);
            var variables = new Dictionary<string, object?> { ["arn"] = RedriveServer.MachineArn("Ledger"), ["endpoint"] = endpoint.Url, ["role"] = RedriveServer.RoleArn, ["key"] = PermissionWorld.LedgerKey };

            var read = session.Run($"Get-SfnResumePolicy -StateMachineArn $arn {Connection}", variables);
            var given = session.Run("Get-SfnResumePolicy -StateMachineArn $arn -Offline -RoleArn $role -Logging -KmsKeyArn $key", variables);

            Assert.Empty(read.Errors.Concat(given.Errors));
            var policy = Assert.IsType<ResumePolicy>(Assert.Single(read.Output).BaseObject);
            Assert.Equal(((ResumePolicy)Assert.Single(given.Output).BaseObject).Document, policy.Document);
            Assert.Equal(1, endpoint.Count("DescribeStateMachine"));
            Assert.Contains(policy.Grants, g => g.Action == "logs:CreateLogDelivery");
            Assert.Contains(policy.Grants, g => g.Action == "kms:Decrypt" && g.Resource == PermissionWorld.LedgerKey);
            Assert.Contains(policy.Grants, g => g.Action == "iam:PassRole" && g.Resource == RedriveServer.RoleArn);

            // What the caller's policy cannot grant is said: the copy runs with the role, whose key permission may name the original only.
            Assert.Contains(read.Warnings, w => w.Contains(RedriveServer.MachineArn("Ledger-goto"), StringComparison.Ordinal) && w.Contains("encryption context", StringComparison.Ordinal));
            Assert.Equal(read.Warnings.ToArray(), policy.Notes.ToArray());
        }

        [Fact]
        public void A_state_machine_deployed_resume_ready_gets_a_policy_that_resumes_on_it_and_makes_no_copy_and_says_so()
        {
            using var endpoint = new LoopbackEndpoint(world.Handler);

            var result = session.Run($"Get-SfnResumePolicy -StateMachineArn $arn {Connection}", new Dictionary<string, object?> { ["arn"] = RedriveServer.MachineArn("Payments"), ["endpoint"] = endpoint.Url });

            Assert.Empty(result.Errors);
            var policy = Assert.IsType<ResumePolicy>(Assert.Single(result.Output).BaseObject);
            Assert.Equal(new[] { "Analysis", "Redrive", "Preflight", "OnMachine" }, policy.Uses);
            Assert.DoesNotContain(policy.Grants, g => g.Action == "states:CreateStateMachine" || g.Action == "iam:PassRole");
            Assert.Contains(result.Warnings, w => w.Contains("resume-ready", StringComparison.Ordinal) && w.Contains("no iam:PassRole", StringComparison.Ordinal));
        }

        [Fact]
        public void Offline_the_GoTo_use_without_the_role_is_RoleArnMissing_and_nothing_is_written()
        {
            var result = session.Run("Get-SfnResumePolicy -StateMachineArn $arn -Offline", new Dictionary<string, object?> { ["arn"] = RedriveServer.MachineArn("Orders") });

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("RoleArnMissing,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(RedriveServer.MachineArn("Orders"), error.TargetObject);
            Assert.Contains("-RoleArn", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        }

        [Fact]
        public void The_role_without_Offline_is_refused_with_advice_and_no_prompt_or_call()
        {
            using var endpoint = new LoopbackEndpoint(_ => LoopbackResponse.Error("AccessDeniedException", "no call was expected"));
            var result = session.Run("Get-SfnResumePolicy -StateMachineArn $arn -RoleArn arn:aws:iam::123456789012:role/orders -EndpointUrl $url -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret",
                new Dictionary<string, object?> { ["arn"] = RedriveServer.MachineArn("Orders"), ["url"] = endpoint.Url });

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("OfflineParameterWithoutOffline,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(RedriveServer.MachineArn("Orders"), error.TargetObject);
            Assert.Contains("Add -Offline", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
            Assert.Empty(endpoint.Requests);
        }

        [Fact]
        public void An_executions_ARN_is_said_to_be_one_with_its_state_machine_to_pass()
        {
            var arn = PermissionWorld.ExecutionArn("Orders", "run-42");

            var result = session.Run("Get-SfnResumePolicy -StateMachineArn $arn -Offline -Use Analysis", new Dictionary<string, object?> { ["arn"] = arn });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("InvalidStateMachineArn,", error.FullyQualifiedErrorId);
            Assert.Equal(arn, error.TargetObject);
            Assert.Contains(RedriveServer.MachineArn("Orders"), error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        }

        [Fact]
        public void A_definition_it_may_not_decrypt_is_read_without_it_and_the_warning_says_what_was_not_checked()
        {
            // Allowed to describe the state machine, not to use its key: the settings come with METADATA_ONLY.
            const string policy = @"{ ""Version"": ""2012-10-17"", ""Statement"": [ { ""Effect"": ""Allow"", ""Action"": ""states:DescribeStateMachine"", ""Resource"": ""arn:aws:states:eu-west-1:123456789012:stateMachine:Ledger"" } ] }";
            var iam = new IamLoopback(world.Handler, policy, PermissionWorld.Keys);
            using var endpoint = new LoopbackEndpoint(iam.Handle);

            var result = session.Run($"Get-SfnResumePolicy -StateMachineArn $arn {Connection}", new Dictionary<string, object?> { ["arn"] = RedriveServer.MachineArn("Ledger"), ["endpoint"] = endpoint.Url });

            Assert.Empty(result.Errors);
            var written = Assert.IsType<ResumePolicy>(Assert.Single(result.Output).BaseObject);
            Assert.Contains(written.Grants, g => g.Action == "kms:Decrypt");
            Assert.Contains(result.Warnings, w => w.Contains("could not be decrypted", StringComparison.Ordinal) && w.Contains("kms:Decrypt", StringComparison.Ordinal));
            Assert.Equal("kms:Decrypt", Assert.Single(iam.Denied).Action);
        }

        [Fact]
        public void Without_DescribeStateMachine_the_error_names_the_action_and_points_to_Offline()
        {
            var iam = new IamLoopback(world.Handler, @"{ ""Version"": ""2012-10-17"", ""Statement"": [] }", PermissionWorld.Keys);
            using var endpoint = new LoopbackEndpoint(iam.Handle);

            var result = session.Run($"Get-SfnResumePolicy -StateMachineArn $arn {Connection}", new Dictionary<string, object?> { ["arn"] = RedriveServer.MachineArn("Orders"), ["endpoint"] = endpoint.Url });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("AccessDeniedException,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains("not authorized to perform: states:DescribeStateMachine", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("-Offline", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        }

        [Fact]
        public void Failure_points_of_one_state_machine_piped_in_give_its_policy_once()
        {
            using var endpoint = new LoopbackEndpoint(world.Handler);
            var variables = new Dictionary<string, object?> { ["arns"] = PermissionWorld.FailedOf("Orders").ToArray(), ["endpoint"] = endpoint.Url };

            var result = session.Run($"Get-SfnFailurePoint $arns {Connection} | Get-SfnResumePolicy -Use Analysis {Connection}", variables);

            Assert.Empty(result.Errors);
            Assert.Equal(RedriveServer.MachineArn("Orders"), ((ResumePolicy)Assert.Single(result.Output).BaseObject).StateMachineArn);
        }
    }
}
