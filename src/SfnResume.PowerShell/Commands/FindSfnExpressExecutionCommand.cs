using System;
using System.Linq;
using System.Management.Automation;
using SfnResume.Aws;
using SfnResume.Express;
using SfnResume.PowerShell.Completers;
using SfnResume.PowerShell.Internal;

namespace SfnResume.PowerShell.Commands
{
    /// <summary>
    /// The failed, timed-out and aborted executions of an Express state machine in a time window, found in its
    /// CloudWatch Logs: Step Functions does not list Express executions. The items pipe into Get-SfnFailurePoint
    /// and the redrive cmdlets as Get-SFNExecutionList's items do. Only reads.
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "SfnExpressExecution", HelpUri = HelpLinks.FindSfnExpressExecution)]
    [OutputType(typeof(ExpressExecutionItem))]
    public sealed class FindSfnExpressExecutionCommand : SfnAwsCmdlet
    {
        /// <summary>How far back the search goes when -Since is not given.</summary>
        public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(3);

        private int found;

        /// <summary>The Express state machine; binds from objects with a StateMachineArn (Get-SFNStateMachineList).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StateMachineArnCompleter))]
        public string StateMachineArn { get; set; } = string.Empty;

        /// <summary>Executions that ended at or after this time (local time unless its Kind says UTC); default three hours before -Until.</summary>
        [Parameter]
        public DateTime? Since { get; set; }

        /// <summary>Executions that ended before this time; default now.</summary>
        [Parameter]
        public DateTime? Until { get; set; }

        /// <summary>Which ends to look for; default all three.</summary>
        [Parameter]
        [ValidateSet("FAILED", "TIMED_OUT", "ABORTED")]
        public string[] Status { get; set; } = { "FAILED", "TIMED_OUT", "ABORTED" };

        /// <summary>
        /// FilterLogEvents (default: no charge, pages as it reads) or LogsInsights (a query, billed per GB scanned).
        /// A string with the names of ExpressSearchMethod, not the enum: an enum field would make PowerShell load
        /// SfnResume.Core while it scans the cmdlet at import, before the dependency resolver is hooked up.
        /// </summary>
        [Parameter]
        [ValidateSet(nameof(ExpressSearchMethod.FilterLogEvents), nameof(ExpressSearchMethod.LogsInsights))]
        public string Search { get; set; } = nameof(ExpressSearchMethod.FilterLogEvents);

        protected override void ProcessRecord()
        {
            var arn = StateMachineArn;
            if (ExecutionArns.IsValid(arn) && (ExecutionArns.StateMachineOf(arn) ?? ExpressArns.StateMachineOf(arn)) is string machine)
            {
                WriteError(ErrorRecords.Create("InvalidStateMachineArn", ErrorCategory.InvalidArgument, arn,
                    $"'{arn}' is an execution's ARN, not a state machine's: Find-SfnExpressExecution searches a state machine's log group for its failed executions.",
                    $"Search its state machine: Find-SfnExpressExecution '{machine}'; or read this execution's failure point: Get-SfnFailurePoint '{arn}'."));
                return;
            }

            if (!StateMachineArns.IsValid(arn))
            {
                WriteError(ErrorRecords.Create("InvalidStateMachineArn", ErrorCategory.InvalidArgument, arn, $"'{arn}' is not a state machine ARN.",
                    "Pass an Express state machine's ARN, like arn:aws:states:us-east-1:123456789012:stateMachine:Orders (Tab completes them)."));
                return;
            }

            var until = (Until ?? DateTime.UtcNow).ToUniversalTime();
            var since = (Since?.ToUniversalTime()) ?? until - DefaultWindow;
            if (since >= until)
            {
                WriteError(ErrorRecords.Create("EmptyTimeWindow", ErrorCategory.InvalidArgument, arn,
                    $"-Since ({since:u}) is not before -Until ({until:u}): the window holds no time.",
                    "Give -Since an earlier time than -Until, e.g. -Since (Get-Date).AddHours(-6)."));
                return;
            }

            var method = (ExpressSearchMethod)Enum.Parse(typeof(ExpressSearchMethod), Search, ignoreCase: true);
            var finder = new FailedExpressExecutionFinder();
            var statuses = Status.Select(s => s.ToUpperInvariant()).Distinct().ToArray();
            RunItem(new ItemScope(arn, ItemStep.CallingAws), () =>
            {
                foreach (var item in finder.Find(GetClient(arn), GetLogsClient(arn), arn, since, until, statuses, method, WriteNote, CancellationToken))
                {
                    found++;
                    WriteObject(item);
                }
            });
        }

        protected override void EndProcessing()
        {
            WriteNote($"{found} Express execution(s) found.");
        }
    }
}
