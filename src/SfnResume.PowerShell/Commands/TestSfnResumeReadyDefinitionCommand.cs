using System.IO;
using System.Management.Automation;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.PowerShell.Completers;
using SfnResume.PowerShell.Internal;
using SfnResume.ResumeReady;

namespace SfnResume.PowerShell.Commands
{
    /// <summary>
    /// For a deployment pipeline: whether a deployed definition (on AWS, or the file about to be deployed) is
    /// resume-ready and current, and, given the team's source, made from that source. Writes the finding, and an
    /// error when it did not pass, so that -ErrorAction Stop fails the pipeline's step.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "SfnResumeReadyDefinition", DefaultParameterSetName = StateMachineSet, HelpUri = HelpLinks.TestSfnResumeReadyDefinition)]
    [OutputType(typeof(ResumeReadyCheck))]
    public sealed class TestSfnResumeReadyDefinitionCommand : SfnAwsCmdlet
    {
        private const string StateMachineSet = "StateMachine";
        private const string DeployedPathSet = "DeployedPath";

        /// <summary>The deployed state machine, or the version of it to check (DescribeStateMachine).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = StateMachineSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StateMachineArnCompleter))]
        public string StateMachineArn { get; set; } = string.Empty;

        /// <summary>The deployed (or about to be deployed) definition as a file.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DeployedPathSet)]
        [ValidateNotNullOrEmpty]
        public string DeployedPath { get; set; } = string.Empty;

        /// <summary>The team's original definition: the check then also fails when the deployment was made from another one.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SourcePath { get; set; }

        protected override void ProcessRecord()
        {
            var deployedName = ParameterSetName == StateMachineSet ? StateMachineArn : DeployedPath;
            var item = new ItemScope(deployedName, ItemStep.Computing);
            RunItem(item, () =>
            {
                string? source = null;
                string? sourceFile = null;
                if (SourcePath != null)
                {
                    sourceFile = ExistingFile(SourcePath, "-SourcePath");
                    if (sourceFile == null)
                    {
                        return;
                    }

                    item.DefinitionFile = sourceFile;
                    source = item.Within(ItemStep.ReadingFile, sourceFile, () => File.ReadAllText(sourceFile));
                }

                string deployed;
                if (ParameterSetName == StateMachineSet)
                {
                    if (!StateMachineArns.IsValid(StateMachineArn))
                    {
                        WriteError(ErrorRecords.Create("InvalidStateMachineArn", ErrorCategory.InvalidArgument, StateMachineArn, $"'{StateMachineArn}' is not a state machine ARN.",
                            "Pass an ARN like arn:aws:states:us-east-1:123456789012:stateMachine:Orders (or a version of it, ...:Orders:3); -DeployedPath checks a file."));
                        return;
                    }

                    item.DefinitionFile = null;
                    item.MoveTo(ItemStep.CallingAws);
                    var client = GetClient(StateMachineArn);
                    deployed = client.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = StateMachineArn }, CancellationToken).GetAwaiter().GetResult().Definition;
                }
                else
                {
                    var file = ExistingFile(DeployedPath, "-DeployedPath");
                    if (file == null)
                    {
                        return;
                    }

                    deployedName = file;
                    item.DefinitionFile = file;
                    deployed = item.Within(ItemStep.ReadingFile, file, () => File.ReadAllText(file));
                }

                item.MoveTo(ItemStep.Computing);
                item.DefinitionFile = ParameterSetName == DeployedPathSet ? deployedName : sourceFile;
                var found = ResumeReadyDefinitions.Inspect(deployed, source);
                var check = new ResumeReadyCheck
                {
                    Deployed = deployedName,
                    Source = sourceFile,
                    Status = found.Status.ToString(),
                    Passed = found.Status == ResumeReadyStatus.Current,
                    Reason = found.Reason,
                };
                WriteObject(check);
                if (!check.Passed)
                {
                    WriteError(ErrorRecords.Create("ResumeReady" + check.Status, ErrorCategory.InvalidData, deployedName,
                        $"'{deployedName}' is not a current resume-ready definition ({check.Status}): {check.Reason}",
                        "Make it with ConvertTo-SfnResumeReadyDefinition -Path <your definition> -OutFile <file your IaC deploys>, deploy that file, and check again."));
                }
            });
        }

        private string? ExistingFile(string path, string parameter)
        {
            var file = ProviderPaths.DefinitionFile(SessionState, path, parameter, out var notOne);
            if (file == null)
            {
                WriteError(notOne!);
            }

            return file;
        }
    }
}
