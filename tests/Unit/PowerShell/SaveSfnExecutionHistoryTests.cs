using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>Save-SfnExecutionHistory as a user runs it: pipelines, files, errors, the AWS common parameters.</summary>
    public sealed class SaveSfnExecutionHistoryTests : IDisposable
    {
        private const string FailedRun = "arn:aws:states:eu-west-1:123456789012:execution:Orders:run-1";
        private const string OtherRun = "arn:aws:states:eu-west-1:123456789012:execution:Orders:run-2";
        private const string Missing = "arn:aws:states:eu-west-1:123456789012:execution:Orders:gone";
        private const string AccessKey = "AKIDSFNRESUMETEST01";
        private const string SecretKey = "SfnResumeSecret/DoNotPrint+0123456789abcd";

        private readonly HistoryServer histories = new HistoryServer();
        private readonly LoopbackEndpoint endpoint;
        private readonly PowerShellSession session = new PowerShellSession();
        private readonly string folder = Directory.CreateTempSubdirectory("sfnresume-save-").FullName;

        public SaveSfnExecutionHistoryTests()
        {
            histories.Add(FailedRun, HistoryServer.SimpleHistory(2500));
            histories.Add(OtherRun, HistoryServer.SimpleHistory(3));
            endpoint = new LoopbackEndpoint(histories.Handle);
        }

        public void Dispose()
        {
            session.Dispose();
            endpoint.Dispose();
            Directory.Delete(folder, recursive: true);
        }

        private Dictionary<string, object?> Variables(params (string Name, object? Value)[] extra)
        {
            var variables = new Dictionary<string, object?>
            {
                ["endpoint"] = endpoint.Url,
                ["ak"] = AccessKey,
                ["sk"] = SecretKey,
                ["folder"] = folder,
            };
            foreach (var (name, value) in extra)
            {
                variables[name] = value;
            }

            return variables;
        }

        private static long[] EventIds(string file)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            return document.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToArray();
        }

        [Fact]
        public void An_arn_from_the_pipeline_is_saved_whole_and_in_order()
        {
            var result = session.Run(
                "$FailedRun | Save-SfnExecutionHistory -Path ([IO.Path]::Combine($folder, 'run-1.json')) -AccessKey $ak -SecretKey $sk -Region eu-west-1 -EndpointUrl $endpoint",
                Variables(("FailedRun", FailedRun)));

            Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception)));
            var file = (SavedExecutionHistory)result.Output.Single().BaseObject;
            Assert.Equal(Path.Combine(folder, "run-1.json"), file.FullName);
            Assert.Equal(Enumerable.Range(1, 2500).Select(i => (long)i), EventIds(file.FullName));
            Assert.Equal(2500, file.Events);
            Assert.Equal(new FileInfo(file.FullName).Length, file.Length);
            Assert.Equal(3, endpoint.Count("GetExecutionHistory"));
            Assert.False(File.Exists(file.FullName + ".partial"));
        }

        [Fact]
        public void The_saved_file_keeps_every_member_AWS_sent()
        {
            var recorded = Path.Combine(TestPaths.Fixtures, "seed", "sample_execution_history.json");
            using var original = JsonDocument.Parse(File.ReadAllText(recorded));
            histories.Add(FailedRun, original.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetRawText()).ToList());

            var result = session.Run(
                "Save-SfnExecutionHistory $arn -Path ([IO.Path]::Combine($folder, 'seed.json')) -AccessKey $ak -SecretKey $sk -Region eu-west-1 -EndpointUrl $endpoint",
                Variables(("arn", FailedRun)));

            Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception)));
            using var saved = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "seed.json")));
            var before = original.RootElement.GetProperty("events").EnumerateArray().ToList();
            var after = saved.RootElement.GetProperty("events").EnumerateArray().ToList();
            Assert.Equal(before.Count, after.Count);
            for (var i = 0; i < before.Count; i++)
            {
                Assert.True(JsonElementComparer.DeepEquals(before[i], after[i]), $"event {i + 1} changed: {before[i]} -> {after[i]}");
            }
        }

        [Fact]
        public void Objects_with_an_ExecutionArn_property_bind_and_a_folder_gets_one_file_per_execution()
        {
            var result = session.Run(
                "[pscustomobject]@{ ExecutionArn = $a }, [pscustomobject]@{ ExecutionArn = $b } | Save-SfnExecutionHistory -Path $folder -AccessKey $ak -SecretKey $sk -Region eu-west-1 -EndpointUrl $endpoint",
                Variables(("a", FailedRun), ("b", OtherRun)));

            Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception)));
            Assert.Equal(new[] { "run-1.json", "run-2.json" }, result.Output.Select(o => ((SavedExecutionHistory)o.BaseObject).Name));
            Assert.Equal(new long[] { 1, 2, 3 }, EventIds(Path.Combine(folder, "run-2.json")));
        }

        [Fact]
        public void A_missing_execution_is_a_non_terminating_error_and_the_pipeline_goes_on()
        {
            var result = session.Run(
                "$Missing, $OtherRun | Save-SfnExecutionHistory -Path $folder -AccessKey $ak -SecretKey $sk -Region eu-west-1 -EndpointUrl $endpoint",
                Variables(("Missing", Missing), ("OtherRun", OtherRun)));

            var error = Assert.Single(result.Errors);
            Assert.Equal("ExecutionDoesNotExist,SfnResume.PowerShell.Commands.SaveSfnExecutionHistoryCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal(Missing, error.TargetObject);
            Assert.Contains("AWS request id", error.ErrorDetails.Message);
            Assert.Equal("run-2.json", ((SavedExecutionHistory)result.Output.Single().BaseObject).Name);
            Assert.False(File.Exists(Path.Combine(folder, "gone.json")));
            Assert.False(File.Exists(Path.Combine(folder, "gone.json.partial")));
        }

        [Fact]
        public void WhatIf_makes_no_request_and_writes_no_file()
        {
            var result = session.Run(
                "Save-SfnExecutionHistory $arn -Path ([IO.Path]::Combine($folder, 'x.json')) -AccessKey $ak -SecretKey $sk -Region eu-west-1 -EndpointUrl $endpoint -WhatIf",
                Variables(("arn", FailedRun)));

            Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception)));
            Assert.Empty(result.Output);
            Assert.Empty(endpoint.Requests);
            Assert.Empty(Directory.GetFiles(folder));
        }

        [Fact]
        public void NoClobber_keeps_an_existing_file()
        {
            var path = Path.Combine(folder, "run-1.json");
            File.WriteAllText(path, "keep me");

            var result = session.Run(
                "Save-SfnExecutionHistory $arn -LiteralPath $path -NoClobber -AccessKey $ak -SecretKey $sk -Region eu-west-1 -EndpointUrl $endpoint",
                Variables(("arn", FailedRun), ("path", path)));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("FileExists,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
            Assert.Equal("keep me", File.ReadAllText(path));
            Assert.Empty(endpoint.Requests);
        }

        [Fact]
        public void Access_keys_never_appear_in_any_stream_on_success_or_failure()
        {
            var result = session.Run(
                "$FailedRun, $Missing | Save-SfnExecutionHistory -Path $folder -AccessKey $ak -SecretKey $sk -Region eu-west-1 -EndpointUrl $endpoint -Verbose -Debug",
                Variables(("FailedRun", FailedRun), ("Missing", Missing)));

            // Both paths ran: one file saved, one AWS error reported.
            Assert.Single(result.Output);
            Assert.Single(result.Errors);
            Assert.NotEmpty(result.Verbose);
            var visible = result.EverythingVisible();
            Assert.DoesNotContain(SecretKey, visible);
            Assert.DoesNotContain(AccessKey, visible);
            Assert.Contains("-AccessKey/-SecretKey", string.Join("\n", result.Verbose));

            // The keys did reach the wire, in the signature only.
            Assert.All(endpoint.Requests, r => Assert.Contains("Credential=" + AccessKey + "/", r.Headers["Authorization"]));
            Assert.All(endpoint.Requests, r => Assert.DoesNotContain(SecretKey, r.Headers["Authorization"] + r.Body));
        }

        [Fact]
        public void A_SecretKey_without_an_AccessKey_is_refused_without_echoing_it()
        {
            var result = session.Run("Save-SfnExecutionHistory $arn -Path $folder -SecretKey $sk -Region eu-west-1 -EndpointUrl $endpoint", Variables(("arn", FailedRun)));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("IncompleteAccessKey,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.DoesNotContain(SecretKey, result.EverythingVisible());
            Assert.Empty(endpoint.Requests);
        }

        [Fact]
        public void Shell_defaults_set_by_AWS_Tools_are_used_when_no_parameter_is_given()
        {
            // Set-AWSCredential stores an object whose Credentials property holds the SDK credentials;
            // Set-DefaultAWSRegion stores the region name.
            var result = session.Run(@"
                $global:StoredAWSCredentials = [pscustomobject]@{ Credentials = [Amazon.Runtime.BasicAWSCredentials]::new('AKIDSHELLDEFAULT', 'shell-secret') }
                $global:StoredAWSRegion = 'ca-central-1'
                Save-SfnExecutionHistory $arn -Path $folder -EndpointUrl $endpoint -Verbose",
                Variables(("arn", OtherRun)));

            Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception)));
            var authorization = endpoint.Requests.Single().Headers["Authorization"];
            Assert.Contains("Credential=AKIDSHELLDEFAULT/", authorization);
            Assert.Contains("/ca-central-1/states/aws4_request", authorization);
            Assert.Contains(result.Verbose, v => v.Contains("shell default (Set-DefaultAWSRegion)") && v.Contains("shell default (Set-AWSCredential)"));
        }

        [Fact]
        public void Credentials_AWS_Tools_stored_with_Set_AWSCredential_are_read_through_its_Get_AWSCredential()
        {
            // The real shape: the stored object's Credentials property is internal, so only AWS.Tools' own
            // Get-AWSCredential (no parameters: the shell's credentials) can answer them.
            var stored = new AwsPsCredentialsStandIn(new Amazon.Runtime.BasicAWSCredentials("AKIDSETAWSCREDENTIAL", "set-secret"), "ops");
            var result = session.Run(@"
                $global:StoredAWSCredentials = $stored
                $global:asked = 0
                function global:Get-AWSCredential { $global:asked++; [Amazon.Runtime.BasicAWSCredentials]::new('AKIDSETAWSCREDENTIAL', 'set-secret') }
                $arn, $arn | Save-SfnExecutionHistory -Path $folder -EndpointUrl $endpoint -Region us-east-1 -Verbose
                'asked=' + $global:asked",
                Variables(("arn", OtherRun), ("stored", stored)));

            Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception)));
            Assert.All(endpoint.Requests, r => Assert.Contains("Credential=AKIDSETAWSCREDENTIAL/", r.Headers["Authorization"]));
            Assert.Contains(result.Verbose, v => v.Contains("shell default (Set-AWSCredential, read with Get-AWSCredential)"));
            Assert.Equal("asked=1", result.Output.Last().ToString());
        }

        [Fact]
        public void Explicit_parameters_win_over_shell_defaults()
        {
            var result = session.Run(@"
                $global:StoredAWSCredentials = [Amazon.Runtime.BasicAWSCredentials]::new('AKIDSHELLDEFAULT', 'shell-secret')
                $global:StoredAWSRegion = 'ca-central-1'
                Save-SfnExecutionHistory $arn -Path $folder -EndpointUrl $endpoint -AccessKey $ak -SecretKey $sk -Region sa-east-1",
                Variables(("arn", OtherRun)));

            Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception)));
            var authorization = endpoint.Requests.Single().Headers["Authorization"];
            Assert.Contains("Credential=" + AccessKey + "/", authorization);
            Assert.Contains("/sa-east-1/states/aws4_request", authorization);
        }

        [Fact]
        public void A_profile_from_a_credentials_file_supplies_keys_and_region()
        {
            var credentials = Path.Combine(folder, "credentials");
            File.WriteAllText(credentials, "[ops]\naws_access_key_id = AKIDFROMPROFILE\naws_secret_access_key = profile-secret\nregion = ap-northeast-1\n");

            var result = session.Run(
                "Save-SfnExecutionHistory $arn -Path ([IO.Path]::Combine($folder, 'h.json')) -ProfileName ops -ProfileLocation $credentials -EndpointUrl $endpoint",
                Variables(("arn", OtherRun), ("credentials", credentials)));

            Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception)));
            var authorization = endpoint.Requests.Single().Headers["Authorization"];
            Assert.Contains("Credential=AKIDFROMPROFILE/", authorization);
            Assert.Contains("/ap-northeast-1/states/aws4_request", authorization);
        }

        [Fact]
        public void An_unknown_profile_is_a_clear_error()
        {
            var credentials = Path.Combine(folder, "credentials");
            File.WriteAllText(credentials, "[ops]\naws_access_key_id = AKIDFROMPROFILE\naws_secret_access_key = profile-secret\n");

            var result = session.Run(
                "Save-SfnExecutionHistory $arn -Path $folder -ProfileName nope -ProfileLocation $credentials -EndpointUrl $endpoint",
                Variables(("arn", OtherRun), ("credentials", credentials)));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("ProfileNotFound,", error.FullyQualifiedErrorId);
            Assert.Contains("'nope'", error.Exception.Message);
            Assert.Empty(endpoint.Requests);
        }

        [Fact]
        public void Stopping_the_pipeline_cancels_the_request_in_flight_and_leaves_no_file()
        {
            using var slow = new LoopbackEndpoint(histories.Handle, latency: TimeSpan.FromSeconds(30));
            using var shell = session.CreateShell();
            var path = Path.Combine(folder, "slow.json");
            shell.AddScript($"Save-SfnExecutionHistory '{FailedRun}' -Path '{path}' -AccessKey {AccessKey} -SecretKey x -Region eu-west-1 -EndpointUrl '{slow.Url}'");

            var running = shell.BeginInvoke();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (slow.Requests.Count == 0 && DateTime.UtcNow < deadline)
            {
                System.Threading.Thread.Sleep(20);
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            shell.Stop();
            clock.Stop();

            Assert.True(slow.Requests.Count == 1, $"state {shell.InvocationStateInfo.State} {shell.InvocationStateInfo.Reason}; errors: " + string.Join("; ", shell.Streams.Error));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Stop took {clock.Elapsed}");
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.True(running.IsCompleted);
            Assert.False(File.Exists(path));
            Assert.False(File.Exists(path + ".partial"));
        }
    }
}
