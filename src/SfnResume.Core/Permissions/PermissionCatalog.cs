using System.Collections.Generic;
using static SfnResume.Permissions.GrantCondition;
using static SfnResume.Permissions.MachineCondition;
using static SfnResume.Permissions.PermissionResource;

namespace SfnResume.Permissions
{
    /// <summary>
    /// Every AWS permission SfnResume's commands need, in one place: which action, on which resource, for which
    /// use, and why. Get-SfnResumePolicy writes a policy from it for one state machine, the README's permissions
    /// section is written from it, and the tests run the README's flows against a Step Functions that refuses
    /// whatever the written policy does not allow.
    /// <para>Sources. Actions and resource types: AWS's Service Authorization Reference for Step Functions
    /// (docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html; its resource ARNs
    /// also as generated into udondan/iam-floyd, lib/generated/policy-statements/stepfunctions.ts): executions are
    /// <c>execution:&lt;machine&gt;:&lt;id&gt;</c>, state machines <c>stateMachine:&lt;name&gt;</c>; CreateStateMachine
    /// also authorizes states:TagResource when it carries tags and iam:PassRole with
    /// <c>iam:PassedToService = states.amazonaws.com</c>; TestState takes no resource (<c>*</c>). KMS: the Step
    /// Functions API reference (the service model's <c>includedData</c>: "callers must have kms:Decrypt permission
    /// to decrypt the definition"; the operations that list KmsAccessDeniedException) and the encryption context
    /// <c>aws:states:stateMachineArn</c> of the developer guide's "Data at rest encryption". Logging: the developer
    /// guide's "IAM policies for logging to CloudWatch Logs" (cw-logs.html: eight logs actions on <c>*</c>) and
    /// CloudWatch Logs' "Logs sent to CloudWatch Logs" (the identity that sets up a delivery needs them). Reading
    /// Express executions from their log group: the Service Authorization Reference for CloudWatch Logs
    /// (list_amazoncloudwatchlogs.html): FilterLogEvents and StartQuery take the log group
    /// (<c>log-group:&lt;name&gt;</c>, whose streams <c>:*</c> covers: AWS names <c>log-group:&lt;name&gt;:log-stream:</c> when it
    /// refuses FilterLogEvents), GetQueryResults and DescribeLogGroups take no resource (<c>*</c>; AWS checks DescribeLogGroups
    /// on <c>log-group::log-stream:</c>, which no log group's ARN matches).</para>
    /// <para>Which call each command makes was read from the code: the entry's <see cref="PermissionEntry.Commands"/>.
    /// A call whose failure a command survives (it does less, and says so or not) is
    /// <see cref="PermissionNeed.Improves"/>, with what it costs to go without.</para>
    /// </summary>
    public static class PermissionCatalog
    {
        public const string ListExecutionsTool = "Get-SFNExecutionList";
        public const string StartExecutionTool = "Start-SFNExecution";
        private const string FailurePoint = "Get-SfnFailurePoint";
        private const string FindExpress = "Find-SfnExpressExecution";
        private const string SaveHistory = "Save-SfnExecutionHistory";
        private const string TestRedrive = "Test-SfnRedrive";
        private const string InvokeRedrive = "Invoke-SfnRedrive";
        private const string NewGoTo = "New-SfnGoToStateMachine";
        private const string StartGoTo = "Start-SfnGoToExecution";
        private const string TestResumeReady = "Test-SfnResumeReadyDefinition";
        private const string ResumePolicy = "Get-SfnResumePolicy";
        private const string ListCopies = "Get-SfnGoToStateMachine";
        private const string RemoveCopies = "Remove-SfnGoToStateMachine";

        /// <summary>The commands in the order the README lists their permissions; AWS.Tools' where the README's examples use them.</summary>
        public static IReadOnlyList<string> Commands { get; } = new[]
        {
            ListExecutionsTool, FailurePoint, FindExpress, SaveHistory, TestRedrive, InvokeRedrive, NewGoTo, StartGoTo, StartExecutionTool, TestResumeReady, ListCopies, RemoveCopies, ResumePolicy,
        };

        /// <summary>The purpose of each policy statement, by Sid, in the order a policy lists them.</summary>
        public static IReadOnlyList<(string Sid, string Purpose)> Statements { get; } = new[]
        {
            ("ListExecutions", "List the state machine's executions, and the runs of its GoTo copy"),
            ("ReadExecutions", "Read executions and their histories, and the runs of the GoTo copy"),
            ("ReadDefinitionTheyRan", "Read the definition each execution ran"),
            ("ReadStateMachines", "Read the state machine and its GoTo copy"),
            ("FindCopies", "List the account's state machines, to find the GoTo copy among them"),
            ("ReadTags", "Read the state machine's tags, which the copy keeps, and the copy's, which say it is one"),
            ("RedriveExecutions", "Redrive failed executions"),
            ("MakeGoToCopy", "Create or update the GoTo copy, with its tags"),
            ("StartGoToRuns", "Start the resumed runs on the GoTo copy"),
            ("StartOnMachine", "Start the resumed runs on the resume-ready state machine, or on the version an execution ran"),
            ("PassRoleToGoToCopy", "Give the copy the state machine's role"),
            ("Preflight", "Run the resume state with TestState before resuming (-Preflight)"),
            ("LogDelivery", "Keep the state machine's CloudWatch Logs logging on the copy"),
            ("MachineKey", "Use the state machine's customer managed KMS key"),
            ("ReadExpressLogs", "Read the Express executions' records from the state machine's log group"),
            ("QueryExpressLogs", "Find the failed Express executions with a Logs Insights query"),
            ("RemoveCopy", "Delete the GoTo copy"),
            ("ReadMapRuns", "Read the runs of the Distributed Map, and list their failed children"),
            ("ReadMapRunChildren", "Read the children of a Distributed Map's run: the failed ones, and the inputs of the others for a precise resume"),
            ("ReadMapItems", "Read the items of the Distributed Map, to tell which did not finish"),
            ("WriteItemFiles", "Write the file of the Distributed Map's items to re-run, and read it back"),
        };

        /// <summary>The permissions, in the order a policy writes them.</summary>
        public static IReadOnlyList<PermissionEntry> Entries { get; } = new[]
        {
            new PermissionEntry(PermissionUse.Analysis, "states:ListExecutions", Machine, "ListExecutions", new[] { ListExecutionsTool, InvokeRedrive },
                "Get-SFNExecutionList lists the failed executions the README's pipelines start from; Invoke-SfnRedrive -Wait and -Canary list the running ones, one call a round."),
            new PermissionEntry(PermissionUse.CleanUp, "states:ListExecutions", Copy, "ListExecutions", new[] { ListCopies, RemoveCopies },
                "When the copy last ran and how many of its runs are running: a copy with running executions is kept unless -IncludeRunning, and they are counted again right before it is deleted."),
            new PermissionEntry(PermissionUse.GoTo, "states:ListExecutions", Copy, "ListExecutions", new[] { InvokeRedrive },
                "Invoke-SfnRedrive -Wait and -Canary list the copy's running runs, one call a round for all of them.",
                need: PermissionNeed.Improves,
                withoutIt: "every run is described on its own each round (DescribeExecution, whose quota refills at 10 to 15 calls a second): 1,000 runs cost 1,000 calls a round instead of one"),

            new PermissionEntry(PermissionUse.Analysis, "states:DescribeExecution", Executions, "ReadExecutions", new[] { FailurePoint, TestRedrive, InvokeRedrive },
                "Whether an execution failed, when and how often it was redriven, and whether AWS would redrive it."),
            new PermissionEntry(PermissionUse.Analysis, "states:GetExecutionHistory", Executions, "ReadExecutions", new[] { FailurePoint, SaveHistory, TestRedrive, InvokeRedrive },
                "The history, read newest first until the failure point is known."),
            new PermissionEntry(PermissionUse.Analysis, "states:DescribeExecution", CopyExecutions, "ReadExecutions", new[] { TestRedrive, InvokeRedrive, NewGoTo, StartGoTo },
                "Finds a resume already started: the copy's runs are named after the execution they resume, so a rerun starts nothing twice.",
                when: ResumesTakeCopies, alsoFor: new[] { PermissionUse.GoTo }),
            new PermissionEntry(PermissionUse.Analysis, "states:GetExecutionHistory", CopyExecutions, "ReadExecutions", new[] { TestRedrive, InvokeRedrive, NewGoTo },
                "A resumed run that failed again is resumed from its own failure point, and -Wait says where it failed.",
                when: ResumesTakeCopies, alsoFor: new[] { PermissionUse.GoTo }),

            new PermissionEntry(PermissionUse.Analysis, "states:DescribeStateMachineForExecution", Executions, "ReadDefinitionTheyRan", new[] { FailurePoint, TestRedrive, InvokeRedrive, NewGoTo },
                "The definition the execution ran: the copy is made of it, redrive is used only while it is still current, and it names the branches of the failed state's path."),

            new PermissionEntry(PermissionUse.Analysis, "states:DescribeStateMachine", Machine, "ReadStateMachines", new[] { FailurePoint, FindExpress, TestRedrive, InvokeRedrive, NewGoTo, TestResumeReady, ResumePolicy },
                "The current definition and settings: the copy keeps its role, logging, tracing and encryption; an Express execution is read from the log group its logging names."),
            new PermissionEntry(PermissionUse.GoTo, "states:DescribeStateMachine", Copy, "ReadStateMachines", new[] { NewGoTo, InvokeRedrive },
                "Whether the copy exists, and holds this definition (reused) or an older one (updated)."),
            new PermissionEntry(PermissionUse.CleanUp, "states:DescribeStateMachine", Copy, "ReadStateMachines", new[] { ListCopies, RemoveCopies },
                "The copy's type, creation date and status, without its definition (so no kms:Decrypt)."),

            new PermissionEntry(PermissionUse.CleanUp, "states:ListStateMachines", Everything, "FindCopies", new[] { ListCopies },
                "Get-SfnGoToStateMachine without -SourceStateMachineArn lists the account's state machines (AWS takes no resource for it) and reads the tags of those named like a copy. A copy of another state machine is read only under that state machine's policy: without it, that copy is an AccessDenied error and the listing goes on."),

            new PermissionEntry(PermissionUse.GoTo, "states:ListTagsForResource", Machine, "ReadTags", new[] { NewGoTo, InvokeRedrive },
                "The copy carries the state machine's tags, for ownership and cost allocation.",
                need: PermissionNeed.Improves,
                withoutIt: "the copy is made with SfnResume's own tags only (sfnresume:source, sfnresume:definition-sha256)"),
            new PermissionEntry(PermissionUse.CleanUp, "states:ListTagsForResource", Copy, "ReadTags", new[] { ListCopies, RemoveCopies },
                "A copy is known by its sfnresume:source tag and its name: nothing else is listed, and nothing else is removed."),

            new PermissionEntry(PermissionUse.Redrive, "states:RedriveExecution", Executions, "RedriveExecutions", new[] { InvokeRedrive },
                "Native redrive, with a client token so that a repeat redrives nothing twice."),

            new PermissionEntry(PermissionUse.GoTo, "states:CreateStateMachine", Copy, "MakeGoToCopy", new[] { NewGoTo, InvokeRedrive },
                "Creates the GoTo copy (an identical copy is answered with the existing one)."),
            new PermissionEntry(PermissionUse.GoTo, "states:TagResource", Copy, "MakeGoToCopy", new[] { NewGoTo, InvokeRedrive },
                "CreateStateMachine carries the copy's tags, which AWS authorizes as states:TagResource."),
            new PermissionEntry(PermissionUse.GoTo, "states:UpdateStateMachine", Copy, "MakeGoToCopy", new[] { NewGoTo, InvokeRedrive },
                "A copy of an older definition is updated to the current one (after confirmation)."),

            new PermissionEntry(PermissionUse.GoTo, "states:StartExecution", Copy, "StartGoToRuns", new[] { StartGoTo, StartExecutionTool, InvokeRedrive },
                "Starts the resumed run on the copy, with the resuming input."),

            new PermissionEntry(PermissionUse.OnMachine, "states:StartExecution", Machine, "StartOnMachine", new[] { StartGoTo, StartExecutionTool, InvokeRedrive },
                "On a state machine deployed resume-ready, the resumed run starts on the machine itself: no copy, no CreateStateMachine, no iam:PassRole."),
            new PermissionEntry(PermissionUse.OnMachine, "states:StartExecution", MachineVersions, "StartOnMachine", new[] { StartGoTo, StartExecutionTool },
                "An execution that ran a published version of a resume-ready state machine changed since resumes on that version (<name>:<version>)."),

            new PermissionEntry(PermissionUse.GoTo, "iam:PassRole", Role, "PassRoleToGoToCopy", new[] { NewGoTo, InvokeRedrive },
                "CreateStateMachine and UpdateStateMachine give the copy the state machine's own role, passed to Step Functions only.",
                condition: PassedToStepFunctions),

            new PermissionEntry(PermissionUse.Preflight, "states:TestState", Everything, "Preflight", new[] { TestRedrive, InvokeRedrive },
                "-Preflight runs the resume state on the input it would be given, with a stand-in result: nothing is invoked and no role is passed. Without it the check is not made (NotTestable, NoPermission), with a warning."),

            LogDelivery("logs:CreateLogDelivery"),
            LogDelivery("logs:GetLogDelivery"),
            LogDelivery("logs:UpdateLogDelivery"),
            LogDelivery("logs:DeleteLogDelivery"),
            LogDelivery("logs:ListLogDeliveries"),
            LogDelivery("logs:PutResourcePolicy"),
            LogDelivery("logs:DescribeResourcePolicies"),
            LogDelivery("logs:DescribeLogGroups"),

            new PermissionEntry(PermissionUse.Analysis, "kms:Decrypt", MachineKey, "MachineKey", new[] { FailurePoint, FindExpress, SaveHistory, TestRedrive, InvokeRedrive, NewGoTo, TestResumeReady, ResumePolicy },
                "Step Functions decrypts the definition and the history for the caller (DescribeStateMachine, DescribeStateMachineForExecution, GetExecutionHistory).",
                when: CustomerManagedKey, condition: KeyUsedForTheseMachines),
            new PermissionEntry(PermissionUse.GoTo, "kms:GenerateDataKey", MachineKey, "MachineKey", new[] { NewGoTo, StartGoTo, StartExecutionTool, InvokeRedrive },
                "Step Functions encrypts the copy's definition and the resumed run's input for the caller (CreateStateMachine, UpdateStateMachine, StartExecution).",
                when: CustomerManagedKey, condition: KeyUsedForTheseMachines, alsoFor: new[] { PermissionUse.OnMachine }),

            new PermissionEntry(PermissionUse.ExpressLogs, "logs:FilterLogEvents", LogGroup, "ReadExpressLogs", new[] { FailurePoint, FindExpress, TestRedrive, InvokeRedrive, NewGoTo },
                "An Express execution's records, one per history event ({ $.execution_arn = \"<ARN>\" }), and the end records of the failed, timed-out and aborted ones in a time window; the GoTo copy's runs, which log there too: a resume already started, and -Wait's outcome. A Distributed Map's Express children log to this group too: their records are read in one scan of the Map Run's window.",
                when: Logs, alsoFor: new[] { PermissionUse.DistributedMap }),
            new PermissionEntry(PermissionUse.ExpressLogs, "logs:DescribeLogGroups", Everything, "ReadExpressLogs", new[] { FailurePoint },
                "When the log group holds no record of an execution, the group's retention says whether they expired (AWS takes no resource for it).",
                when: Logs, need: PermissionNeed.Improves,
                withoutIt: "an execution whose records are gone is an ExpressRecordsNotFound error that cannot say whether the group's retention removed them"),
            new PermissionEntry(PermissionUse.ExpressLogs, "logs:StartQuery", LogGroup, "QueryExpressLogs", new[] { FindExpress },
                "Find-SfnExpressExecution -Search LogsInsights runs one Logs Insights query of the log group over the window (billed per GB scanned).",
                when: Logs),
            new PermissionEntry(PermissionUse.ExpressLogs, "logs:GetQueryResults", Everything, "QueryExpressLogs", new[] { FindExpress },
                "The query's rows, asked for until it completes (AWS takes no resource for it).",
                when: Logs),

            new PermissionEntry(PermissionUse.CleanUp, "states:DeleteStateMachine", Copy, "RemoveCopy", new[] { RemoveCopies },
                "Deletes the copy, after confirmation (or -Force); its role, tags and the original are left as they are."),

            // A Distributed Map's runs (mapRun:<machine>/<label>:<id>) and children (execution:<machine>/<label>:<id>)
            // are resource types of their own (Service Authorization Reference: mapRun, labelled execution); ListExecutions
            // with a mapRunArn is authorized on the Map Run.
            new PermissionEntry(PermissionUse.DistributedMap, "states:DescribeMapRun", PermissionResource.MapRuns, "ReadMapRuns", new[] { FailurePoint, TestRedrive, InvokeRedrive, NewGoTo },
                "The Map Run's item and child counts, tolerated failure and status: on the failure point, and in the plan of a redrive (what it runs again); New-SfnGoToStateMachine asks again for a failure point read without them.",
                when: DistributedMap, need: PermissionNeed.Improves,
                withoutIt: "the Map Run is shown without its counts, with a warning; -MapRunChildren lists every unsuccessful status and cannot say how many children are left to read"),
            new PermissionEntry(PermissionUse.DistributedMap, "states:ListExecutions", PermissionResource.MapRuns, "ReadMapRuns", new[] { FailurePoint, TestRedrive, InvokeRedrive, NewGoTo },
                "-MapRunChildren lists the run's failed, timed-out and aborted children (ListExecutions by mapRunArn and status, 1,000 a page); the precise GoTo resume lists the succeeded and unfinished ones too, whose items do not run again (without it the Map re-runs whole, and says why).",
                when: DistributedMap),
            new PermissionEntry(PermissionUse.DistributedMap, "states:GetExecutionHistory", MapRunChildren, "ReadMapRunChildren", new[] { FailurePoint, TestRedrive, InvokeRedrive, NewGoTo },
                "Each failed Standard child's history, newest first: its failed state, error, cause and input. The precise GoTo resume also reads the input (the item) of four in seven succeeded or unfinished children from the first event alone of their histories (the other three by DescribeExecution: the two calls' quotas refill apart).",
                when: DistributedMap),
            new PermissionEntry(PermissionUse.DistributedMap, "states:DescribeStateMachineForExecution", MapRunChildren, "ReadMapRunChildren", new[] { FailurePoint, TestRedrive, InvokeRedrive, NewGoTo },
                "The definition the children ran (the Map's item processor), read once for all of them: it names their states' paths.",
                when: DistributedMap, need: PermissionNeed.Improves,
                withoutIt: "each child is located from its history alone, and says so in its Notes"),
            new PermissionEntry(PermissionUse.DistributedMap, "states:DescribeExecution", MapRunChildren, "ReadMapRunChildren", new[] { TestRedrive, InvokeRedrive, NewGoTo },
                "The precise GoTo resume reads the input (the item) of three in seven succeeded or unfinished children with DescribeExecution (the other four from their first history event), to tell which items not to run again.",
                when: DistributedMap, need: PermissionNeed.Improves,
                withoutIt: "those children's inputs are not read, so the Map re-runs whole, every item, with a warning and a PrecisionNote that names the refusal"),

            // S3's ARNs name no region or account (Service Authorization Reference for Amazon S3: object
            // arn:aws:s3:::<bucket>/<key>). GetObject also authorizes HeadObject (GetObjectMetadata).
            new PermissionEntry(PermissionUse.DistributedMap, "s3:GetObject", ItemSource, "ReadMapItems", new[] { TestRedrive, InvokeRedrive, NewGoTo },
                "The precise GoTo resume reads the Map's items (the JSON file its ItemReader names, through AWSSDK.S3), once, to match them to the children (an object encrypted with SSE-KMS also takes kms:Decrypt on its key).",
                when: ItemsInS3, need: PermissionNeed.Improves,
                withoutIt: "the Map's items are not read, so it re-runs whole, every item, with a warning and a PrecisionNote that names the refusal"),
            new PermissionEntry(PermissionUse.DistributedMap, "s3:PutObject", ItemFiles, "WriteItemFiles", new[] { InvokeRedrive, NewGoTo },
                "Writes the file of the items to re-run (each with the state and input its child resumes at), which the resumed run's Map reads; after confirmation, under -ItemPrefix (sfnresume/items/ by default). Without it the precise resume fails before anything starts.",
                when: DistributedMap),
            new PermissionEntry(PermissionUse.DistributedMap, "s3:GetObject", ItemFiles, "WriteItemFiles", new[] { TestRedrive, InvokeRedrive, NewGoTo },
                "Whether the item file is there already (its key is a hash of its content, so a rerun writes nothing), and the item file a resumed run ran, read back when that run fails again in the Map.",
                when: DistributedMap, need: PermissionNeed.Improves,
                withoutIt: "the item file is written again by every run of the command (the same bytes under the same key), and a resumed run that fails again in the Map re-runs it whole, with a warning and a PrecisionNote that names the refusal"),
        };

        private static PermissionEntry LogDelivery(string action) => new PermissionEntry(PermissionUse.GoTo, action, Everything, "LogDelivery", new[] { NewGoTo, InvokeRedrive },
            "The copy keeps the state machine's logging: CreateStateMachine and UpdateStateMachine set up its log delivery for the caller.",
            when: Logs);
    }
}
