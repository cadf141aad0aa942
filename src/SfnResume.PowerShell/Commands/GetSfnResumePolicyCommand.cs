using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.Permissions;
using SfnResume.PowerShell.Completers;
using SfnResume.PowerShell.Internal;

namespace SfnResume.PowerShell.Commands
{
    /// <summary>
    /// The IAM policy a use of SfnResume needs on one state machine: its resources narrowed to the machine, its
    /// GoTo copy, their executions and the machine's role, with the logging and KMS statements its settings call
    /// for. Reads the state machine's settings (DescribeStateMachine), or takes them as given with -Offline.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SfnResumePolicy", DefaultParameterSetName = StateMachineSet, HelpUri = HelpLinks.GetSfnResumePolicy)]
    [OutputType(typeof(ResumePolicy))]
    public sealed class GetSfnResumePolicyCommand : SfnAwsCmdlet
    {
        private const string StateMachineSet = "StateMachine";
        private const string OfflineSet = "Offline";

        private readonly HashSet<string> written = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>The state machine (a version or alias ARN names its state machine).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StateMachineArnCompleter))]
        public string StateMachineArn { get; set; } = string.Empty;

        /// <summary>
        /// What the policy is for; Analysis is always included. By default what SfnResume does with the state
        /// machine: on a resume-ready one, resumes on the machine itself; on any other (or offline), GoTo copies.
        /// </summary>
        [Parameter]
        [ValidateSet(nameof(PermissionUse.Analysis), nameof(PermissionUse.Redrive), nameof(PermissionUse.GoTo), nameof(PermissionUse.Preflight), nameof(PermissionUse.OnMachine), nameof(PermissionUse.CleanUp), nameof(PermissionUse.DistributedMap), nameof(PermissionUse.ExpressLogs))]
        public string[]? Use { get; set; }

        /// <summary>Read nothing from AWS: the state machine's role, logging and key are the ones given.</summary>
        /// <remarks>Not mandatory in its set: -RoleArn without it would make PowerShell prompt for a switch; it is refused with advice instead.</remarks>
        [Parameter(ParameterSetName = OfflineSet)]
        public SwitchParameter Offline { get; set; }

        /// <summary>With -Offline: the state machine's role, which its GoTo copy is given.</summary>
        [Parameter(ParameterSetName = OfflineSet)]
        [ValidateNotNullOrEmpty]
        public string? RoleArn { get; set; }

        /// <summary>With -Offline: the state machine logs to CloudWatch Logs.</summary>
        [Parameter(ParameterSetName = OfflineSet)]
        public SwitchParameter Logging { get; set; }

        /// <summary>With -Offline: the customer managed KMS key the state machine's data is encrypted with.</summary>
        [Parameter(ParameterSetName = OfflineSet)]
        [ValidateNotNullOrEmpty]
        public string? KmsKeyArn { get; set; }

        protected override void ProcessRecord()
        {
            var item = new ItemScope(StateMachineArn, ItemStep.Computing);
            if (!StateMachineArns.IsValid(StateMachineArn))
            {
                WriteError(NotAStateMachine(StateMachineArn));
                return;
            }

            if (ParameterSetName == OfflineSet && !Offline)
            {
                var given = RoleArn != null ? "-RoleArn" : Logging ? "-Logging" : "-KmsKeyArn";
                WriteError(ErrorRecords.Create("OfflineParameterWithoutOffline", ErrorCategory.InvalidArgument, StateMachineArn,
                    $"{given} describes the state machine offline, and -Offline is not given: online, its role, logging and key are read from '{StateMachineArn}'.",
                    $"Add -Offline to use what you give without calling AWS, or leave out {given} to read it from the state machine."));
                return;
            }

            var uses = Use?.Select(u => (PermissionUse)Enum.Parse(typeof(PermissionUse), u, ignoreCase: true)).ToList();
            if (Offline && RoleArn != null && !IsRoleArn(RoleArn))
            {
                WriteError(ErrorRecords.Create("InvalidRoleArn", ErrorCategory.InvalidArgument, RoleArn, $"'{RoleArn}' is not an IAM role ARN.",
                    "Pass the state machine's role, like arn:aws:iam::123456789012:role/OrdersRole (aws stepfunctions describe-state-machine --query roleArn)."));
                return;
            }

            if (Offline && RoleArn == null && (uses ?? ResumePolicyBuilder.DefaultUses(Given())).Contains(PermissionUse.GoTo))
            {
                WriteError(ErrorRecords.Create("RoleArnMissing", ErrorCategory.InvalidArgument, StateMachineArn,
                    $"Offline, the GoTo use needs the role of '{StateMachineArn}': its copy is given that role, and iam:PassRole names it.",
                    "Pass -RoleArn <the state machine's role ARN>, leave out -Offline to read it from the state machine, or name the uses without GoTo (-Use Analysis, Redrive, OnMachine, Preflight for a machine deployed resume-ready)."));
                return;
            }

            // Each state machine once, however many of its failure points or executions are piped in.
            if (!written.Add(new MachineSettings(StateMachineArn).StateMachineArn))
            {
                return;
            }

            RunItem(item, () =>
            {
                var machine = Offline ? Given() : Read(item);
                var policy = ResumePolicyBuilder.Build(machine, uses);
                foreach (var note in policy.Notes)
                {
                    WriteWarning(note);
                }

                WriteObject(policy);
            });
        }

        private MachineSettings Given() => new MachineSettings(StateMachineArn)
        {
            RoleArn = RoleArn,
            Logs = Logging,
            KmsKeyId = KmsKeyArn,
        };

        /// <summary>
        /// The settings DescribeStateMachine gives. A definition encrypted with a key the caller may not use is
        /// not needed for the policy: the settings come without it (METADATA_ONLY), and the one thing read from
        /// it, whether it has a Distributed Map, is said to be unknown.
        /// </summary>
        private MachineSettings Read(ItemScope item)
        {
            item.MoveTo(ItemStep.CallingAws);
            var client = GetClient(StateMachineArn);
            DescribeStateMachineResponse described;
            try
            {
                described = client.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = StateMachineArn }, CancellationToken).GetAwaiter().GetResult();
            }
            catch (StepFunctionsException e) when (e.ErrorCode == "KmsAccessDeniedException")
            {
                described = client.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = StateMachineArn, IncludedData = "METADATA_ONLY" }, CancellationToken).GetAwaiter().GetResult();
                WriteWarning($"The definition of '{StateMachineArn}' could not be decrypted ({e.Message}), so whether it has a Distributed Map was not checked; the policy grants kms:Decrypt for it.");
            }

            return MachineSettings.From(described);
        }

        private static bool IsRoleArn(string value)
        {
            var parts = value.Split(':');
            return parts.Length == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[5].StartsWith("role/", StringComparison.Ordinal);
        }

        /// <summary>A value given as the state machine that is none; an execution's ARN is said to be one, with its state machine's.</summary>
        private static ErrorRecord NotAStateMachine(string value)
        {
            if (ExecutionArns.IsValid(value) && ExecutionArns.StateMachineOf(value) is { } machine)
            {
                return ErrorRecords.Create("InvalidStateMachineArn", ErrorCategory.InvalidArgument, value,
                    $"'{value}' is an execution's ARN, not a state machine's: the policy is for a state machine, its copy and their executions.",
                    $"Pass its state machine: Get-SfnResumePolicy -StateMachineArn '{machine}'.");
            }

            return ErrorRecords.Create("InvalidStateMachineArn", ErrorCategory.InvalidArgument, value, $"'{value}' is not a state machine ARN.",
                "Pass an ARN like arn:aws:states:us-east-1:123456789012:stateMachine:Orders (Tab completes them).");
        }
    }
}
