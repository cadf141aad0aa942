using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// SfnResume and AWS.Tools.Common share one AWSSDK.Core whichever is imported first, so AWS.Tools
    /// credential objects bind to SfnResume's -Credential and neither import fails. Each case runs in a fresh
    /// process, with a stand-in AWS.Tools.Common (a manifest that loads another AWSSDK.Core 4 build, as the
    /// real module does) on PSModulePath.
    /// </summary>
    public sealed class AwsToolsCoexistenceTests : IDisposable
    {
        private const string Call = "Save-SfnExecutionHistory 'arn:aws:states:us-east-1:123456789012:execution:a:b' -Path ([IO.Path]::GetTempFileName()) -Region us-east-1 -EndpointUrl http://127.0.0.1:9 -ErrorAction SilentlyContinue -ErrorVariable failed";
        private const string Report = @"
            'error=' + $failed[0].FullyQualifiedErrorId
            [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' } | ForEach-Object { 'sdk=' + $_.Location }";

        private readonly string modules = Directory.CreateTempSubdirectory("sfnresume-modules-").FullName;
        private readonly string awsToolsCommon;

        public AwsToolsCoexistenceTests()
        {
            awsToolsCommon = Path.Combine(modules, "AWS.Tools.Common", "5.0.0");
            Directory.CreateDirectory(awsToolsCommon);
            File.Copy(TestPaths.AwsToolsStandInSdk, Path.Combine(awsToolsCommon, "AWSSDK.Core.dll"));
            File.WriteAllText(Path.Combine(awsToolsCommon, "AWS.Tools.Common.psd1"),
                "@{ ModuleVersion = '5.0.0'; GUID = 'e5b05bf3-9eee-47b2-81f2-41ddc0501b86'; RequiredAssemblies = @('AWSSDK.Core.dll'); CmdletsToExport = @(); FunctionsToExport = @() }");
        }

        public void Dispose() => Directory.Delete(modules, recursive: true);

        private (int ExitCode, string Output, string Errors) Run(string script, string? modulePath = null)
        {
            return PwshProcess.Run(script, new Dictionary<string, string> { ["PSModulePath"] = modulePath ?? modules });
        }

        private static string[] Lines(string output, string prefix) =>
            output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l.Substring(prefix.Length)).ToArray();

        [Fact]
        public void AWS_Tools_first_SfnResume_uses_its_SDK_and_accepts_its_credential_objects()
        {
            var run = Run($@"
                Import-Module AWS.Tools.Common
                Import-Module '{TestPaths.StagedManifest}'
                $credential = [Amazon.Runtime.BasicAWSCredentials]::new('AKIDEXAMPLE', 'secret')
                {Call} -Credential $credential
                {Report}");

            // The call got as far as the network: -Credential bound, the request was built and sent.
            Assert.Equal(new[] { "EndpointUnreachable,SfnResume.PowerShell.Commands.SaveSfnExecutionHistoryCommand" }, Lines(run.Output, "error="));
            Assert.Equal(new[] { Path.Combine(awsToolsCommon, "AWSSDK.Core.dll") }, Lines(run.Output, "sdk="));
        }

        [Fact]
        public void SfnResume_first_and_used_AWS_Tools_still_imports_and_both_share_one_SDK()
        {
            var run = Run($@"
                Import-Module '{TestPaths.StagedManifest}'
                {Call} -AccessKey AKIDEXAMPLE -SecretKey secret
                Import-Module AWS.Tools.Common -ErrorAction Stop
                $credential = [Amazon.Runtime.BasicAWSCredentials]::new('AKIDEXAMPLE', 'secret')
                {Call} -Credential $credential
                {Report}");

            Assert.DoesNotContain("already loaded", run.Errors);
            Assert.Equal(new[] { "EndpointUnreachable,SfnResume.PowerShell.Commands.SaveSfnExecutionHistoryCommand" }, Lines(run.Output, "error="));
            Assert.Equal(new[] { Path.Combine(awsToolsCommon, "AWSSDK.Core.dll") }, Lines(run.Output, "sdk="));
        }

        [Fact]
        public void Without_AWS_Tools_SfnResume_loads_its_own_SDK_from_its_dependencies_folder()
        {
            var run = Run($@"
                Import-Module '{TestPaths.StagedManifest}'
                {Call} -AccessKey AKIDEXAMPLE -SecretKey secret
                {Report}", modulePath: Path.Combine(modules, "empty"));

            var moduleFolder = Path.GetDirectoryName(TestPaths.StagedManifest)!;
            Assert.Equal(new[] { "EndpointUnreachable,SfnResume.PowerShell.Commands.SaveSfnExecutionHistoryCommand" }, Lines(run.Output, "error="));
            Assert.Equal(new[] { Path.Combine(moduleFolder, "dependencies", "AWSSDK.Core.dll") }, Lines(run.Output, "sdk="));
        }

        [Fact]
        public void Importing_loads_no_AWS_SDK_until_a_cmdlet_needs_it()
        {
            var run = Run($@"
                Import-Module '{TestPaths.StagedManifest}'
                {Report}");

            Assert.Empty(Lines(run.Output, "sdk="));
        }
    }
}
