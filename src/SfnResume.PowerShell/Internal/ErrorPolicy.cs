using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Sockets;
using SfnResume.Aws;
using SfnResume.Copies;
using SfnResume.Definitions;
using SfnResume.GoTo;
using SfnResume.History;

namespace SfnResume.PowerShell.Internal
{
    /// <summary>
    /// The one map from what went wrong with an item to the error the user reads: a stable ErrorId (the same
    /// for the same fault in every cmdlet), the most specific category, the ARN or path as TargetObject, a
    /// message that names the item, and a recommended action in the terms of the cmdlet at hand. The engine
    /// raises codes and facts; the words about parameters and cmdlets are made here, from the parameters the
    /// cmdlet has.
    /// </summary>
    internal sealed class ErrorPolicy
    {
        /// <summary>What to do with a failure point read from a file where an execution is needed: the ways that work with it.</summary>
        public const string FailurePointWithoutExecutionAdvice = "Pipe it to New-SfnGoToStateMachine -StateMachineArn <state machine ARN> (or -DefinitionPath <definition file> to write the copy offline) "
            + "and start the copy with Start-SfnGoToExecution; or pass the execution's ARN.";

        private const string ReportBug = "This is a bug in SfnResume. Please report it with this message and $Error[0].Exception.ToString() at https://github.com/sfnresume/sfnresume/issues.";

        private readonly HashSet<string> parameters;

        /// <param name="parameters">The parameters of the cmdlet the errors are for: advice names only those it has.</param>
        public ErrorPolicy(IEnumerable<string> parameters)
        {
            this.parameters = new HashSet<string>(parameters, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>Where Step Functions was called, once a connection was made: "in eu-west-1", "at http://127.0.0.1:8083/".</summary>
        public string? Endpoint { get; set; }

        /// <summary>
        /// Exceptions that end the whole call whatever the item: stopping, a preference that asked to stop
        /// (-ErrorAction Stop, -WarningAction Stop), and the runtime failing.
        /// </summary>
        public static bool IsFatal(Exception exception)
        {
            return exception is PipelineStoppedException
                || exception is ActionPreferenceStopException
                || exception is HaltCommandException
                || exception is OutOfMemoryException
                || exception is System.Threading.ThreadAbortException
                || exception is AccessViolationException;
        }

        /// <summary>The error for <paramref name="exception"/>, raised while the item was at the step it is at.</summary>
        public ErrorRecord Record(Exception exception, ItemScope item)
        {
            var subject = item.Subject;
            var target = item.TargetFor?.Invoke(exception) ?? item.Target;
            switch (exception)
            {
                case ResumeRequestException resume:
                    return Resume(resume, subject, target);
                case GoToCopyException copy:
                    return Copy(copy, target);
                case ExecutionNotFailedException notFailed:
                    return Build(notFailed, "ExecutionNotFailed", ErrorCategory.InvalidOperation, target, About(subject, notFailed.Message),
                        notFailed.Status == "RUNNING"
                            ? "Wait for the execution to end, or stop it with Stop-SFNExecution."
                            : "Pick a failed, timed-out or aborted execution, e.g. from Get-SFNExecutionList -StateMachineArn <state machine ARN> -StatusFilter FAILED (ListExecutions needs the state machine).");
                case ExpressExecutionException express:
                    return Build(express, "ExpressExecutionNotSupported", ErrorCategory.InvalidOperation, target, About(subject, express.Message),
                        "Step Functions keeps no history for Express executions: Invoke-SfnRedrive resumes them from their CloudWatch Logs records (the state machine logging at level ALL with execution data), and Get-SfnFailurePoint shows where they failed.");
                case Express.ExpressLogsException express:
                    return Build(express, express.Code, ExpressCategory(express.Code), target, About(subject, express.Message), express.Advice);
                case Aws.Logs.CloudWatchLogsException logs:
                    // AWS's code is the ErrorId, as for Step Functions' errors: a refusal is AccessDeniedException whichever service made it.
                    return Build(logs, string.IsNullOrEmpty(logs.ErrorCode) ? "CloudWatchLogsError" : logs.ErrorCode!,
                        logs.ErrorCode == "AccessDeniedException" ? ErrorCategory.PermissionDenied : ErrorCategory.InvalidOperation, target,
                        About(subject, $"CloudWatch Logs answered {logs.ErrorCode}: {logs.Message}"),
                        "Express executions are read from their state machine's log group: the caller needs logs:FilterLogEvents on it, and logs:StartQuery and logs:GetQueryResults for -Search LogsInsights (Get-SfnResumePolicy -Use ExpressLogs writes them).");
                case GoTo.Distributed.ItemFileWriteException itemFile:
                    // S3's refusal is a refusal like Step Functions' and CloudWatch Logs': AccessDeniedException, whichever service made it.
                    var refused = itemFile.ErrorCode == "AccessDenied";
                    return Build(itemFile, refused ? "AccessDeniedException" : "ItemFileNotWritten", refused ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError, itemFile.Uri,
                        About(subject, itemFile.Message),
                        $"The caller needs s3:PutObject on arn:aws:s3:::{itemFile.Bucket}/{itemFile.Key.Substring(0, itemFile.Key.LastIndexOf('/') + 1)}* (Get-SfnResumePolicy -Use DistributedMap writes it)"
                            + (Has("ItemBucket") ? ", or name a bucket it may write to with -ItemBucket." : "."));
                case HistoryFormatException history:
                    return InvalidHistory(history, item, target);
                case DefinitionFormatException definition:
                    return InvalidDefinition(definition, item, target);
                case ItemNotFoundException notFound:
                    var missing = notFound.Data["Path"] ?? item.Path ?? target;
                    return Build(notFound, "PathNotFound", ErrorCategory.ObjectNotFound, missing, notFound.Message,
                        "Check the path; Get-ChildItem lists what is there.");
                case StepFunctionsException aws:
                    return Aws(aws, item.Subject, target);
                case AwsConnectionException connection:
                    return Connection(connection, target);
            }

            if (IsNetwork(exception, item.Step))
            {
                return Build(exception, "EndpointUnreachable", ErrorCategory.ConnectionError, target,
                    About(subject, $"Step Functions {Endpoint ?? string.Empty}{(Endpoint == null ? string.Empty : " ")}could not be reached: {Innermost(exception)}"),
                    $"Check {Parameters("-Region", "-EndpointUrl")}, the network path and any proxy settings, then run the command again.");
            }

            if (exception is Amazon.Runtime.AmazonClientException client)
            {
                return Build(client, "AwsClientError", ErrorCategory.ConnectionError, target, About(subject, client.Message),
                    $"Check the connection settings ({Parameters("-Region", "-EndpointUrl", "-ProfileName")}) and run the command again.");
            }

            if (exception is TimeoutException || exception is OperationCanceledException)
            {
                // Cancelled without Ctrl+C: a request that took longer than its timeout.
                return Build(exception, "RequestTimedOut", ErrorCategory.OperationTimeout, target,
                    About(subject, $"Step Functions {Endpoint ?? string.Empty}{(Endpoint == null ? string.Empty : " ")}did not answer in time: {exception.Message}"),
                    "Run the command again; if it keeps timing out, check the network path and any proxy settings.");
            }

            if (exception is IOException || exception is UnauthorizedAccessException)
            {
                switch (item.Step)
                {
                    case ItemStep.ReadingFile:
                        return Build(exception, "FileReadFailed", ErrorCategory.ReadError, item.Path ?? target,
                            $"'{item.Path}' could not be read: {exception.Message}",
                            "Check that the file exists, that you may read it and that no other program holds it locked.");
                    case ItemStep.WritingFile:
                        return Build(exception, "FileWriteFailed", ErrorCategory.WriteError, item.Path ?? target,
                            $"'{item.Path}' could not be written: {exception.Message}",
                            $"Check that the folder exists, that you may write there, that no other program holds the file open and that the disk has room{(Has("OutFile") ? ", or choose another -OutFile" : Has("Path") ? ", or choose another -Path" : string.Empty)}.");
                }
            }

            return Internal(exception, item.Subject, target);
        }

        /// <summary>An exception no code path expects: a bug. It concerns one item, so the pipeline goes on.</summary>
        private static ErrorRecord Internal(Exception exception, string? subject, object? target)
        {
            return Build(exception, "InternalError", ErrorCategory.NotSpecified, target,
                $"SfnResume failed unexpectedly on '{subject}': {exception.GetType().FullName}: {exception.Message}", ReportBug);
        }

        /// <summary>A history that cannot be read: from a file or as AWS returned it, the same id in every cmdlet.</summary>
        private ErrorRecord InvalidHistory(HistoryFormatException exception, ItemScope item, object? target)
        {
            var file = item.HistoryFile;
            if (file != null && exception.HoldsDefinition && Has("DefinitionPath"))
            {
                // Saving the "history" again would save nothing useful: the file is the other input.
                return Build(exception, "InvalidHistoryFile", ErrorCategory.InvalidData, target, About(file, exception.Message),
                    $"Pass it as -DefinitionPath, with the execution's saved history as -Path: Get-SfnFailurePoint -Path <history.json> -DefinitionPath {Quoted(file)}. "
                    + "Save-SfnExecutionHistory saves an execution's history.");
            }

            var action = file != null
                ? "Save the history again with Save-SfnExecutionHistory (or 'aws stepfunctions get-execution-history --execution-arn <arn> > file.json') and analyse the new file."
                : $"Save the history (Save-SfnExecutionHistory '{item.Subject}' -Path ./history.json) and report it with the file at https://github.com/sfnresume/sfnresume/issues: Step Functions returned a history SfnResume cannot read.";
            if (item.FailurePoint != null)
            {
                // A failure point carries parts of the history undecoded; they turned out damaged when used.
                action = "Save the history again (Save-SfnExecutionHistory), analyse it with Get-SfnFailurePoint and pipe that failure point.";
            }

            return Build(exception, "InvalidHistoryFile", ErrorCategory.InvalidData, target, About(file ?? item.Subject, exception.Message), action);
        }

        /// <summary>A definition that is not ASL: the user's file (InvalidDefinitionFile), or text or AWS's (InvalidDefinition).</summary>
        private ErrorRecord InvalidDefinition(DefinitionFormatException exception, ItemScope item, object? target)
        {
            var file = item.DefinitionFile;
            if (file != null && exception.HoldsHistory)
            {
                return Build(exception, "InvalidDefinitionFile", ErrorCategory.InvalidData, file, About(file, exception.Message.Replace("The text holds", "The file holds")),
                    Has("Path")
                        ? $"Pass it as -Path, with the state machine's definition as -DefinitionPath: Get-SfnFailurePoint -Path {Quoted(file)} -DefinitionPath <definition.asl.json>."
                        : $"Read its failure point with Get-SfnFailurePoint and give the state machine's definition as -DefinitionPath: Get-SfnFailurePoint -Path {Quoted(file)} | New-SfnGoToStateMachine -DefinitionPath <definition.asl.json>.");
            }

            if (file != null)
            {
                return Build(exception, "InvalidDefinitionFile", ErrorCategory.InvalidData, file, About(file, exception.Message),
                    $"Check that {Parameter("DefinitionPath")} names the state machine's definition (Amazon States Language JSON), e.g. as 'aws stepfunctions describe-state-machine' gives it in .definition.");
            }

            return Build(exception, "InvalidDefinition", ErrorCategory.InvalidData, target, About(item.Subject, exception.Message),
                Has("Definition")
                    ? "Pass the state machine's definition (Amazon States Language JSON) as -Definition."
                    : "The state machine's definition on AWS could not be read as Amazon States Language: report it with the definition at https://github.com/sfnresume/sfnresume/issues.");
        }

        /// <summary>A resume that cannot be prepared as asked: the engine's facts, the advice in this cmdlet's terms.</summary>
        private ErrorRecord Resume(ResumeRequestException exception, string? subject, object? target)
        {
            var category = exception.Problem switch
            {
                ResumeProblem.UnknownState => ErrorCategory.ObjectNotFound,
                ResumeProblem.ResumeInputUnknown => ErrorCategory.InvalidData,
                _ => ErrorCategory.InvalidArgument,
            };
            var message = exception.Message;
            string action;
            var state = exception.StateName;
            switch (exception.Problem)
            {
                case ResumeProblem.FailurePointWithoutExecution:
                    action = Has("StateMachineArn") && Has("DefinitionPath")
                        ? "Name the state machine to resume it on: pipe it to New-SfnGoToStateMachine -StateMachineArn <state machine ARN>; or write the copy offline with -DefinitionPath <definition file>."
                        : FailurePointWithoutExecutionAdvice;
                    break;
                case ResumeProblem.NoResumeState when !Has("StateName"):
                    action = "Name the state to resume at with New-SfnGoToStateMachine -StateName.";
                    break;
                case ResumeProblem.NoResumeState when exception.TopLevelStates.Count > 0:
                    action = $"Pass -StateName with one of its top-level states, e.g. -StateName '{exception.TopLevelStates[0]}'.";
                    break;
                case ResumeProblem.NoResumeState when exception.ExecutionName == null:
                    action = "Pass -StateName (Tab after -StateName lists the states), or resume a failed execution from its failure point: Get-SfnFailurePoint <execution ARN> | New-SfnGoToStateMachine.";
                    break;
                case ResumeProblem.NoResumeState:
                    action = "Pass -StateName.";
                    break;
                case ResumeProblem.ResumeInputUnknown:
                    action = Has("Input")
                        ? $"Pass the input '{state}' should get as -Input."
                        : $"Give the input '{state}' should get: Get-SfnFailurePoint '{subject}' | New-SfnGoToStateMachine -Input '<JSON>' | Start-SfnGoToExecution.";
                    break;
                case ResumeProblem.UnknownState when exception.TopLevelStates.Count == 0:
                    action = Has("DefinitionPath") && Has("Definition")
                        ? "Check that -DefinitionPath or -Definition is the state machine's definition."
                        : "Check that the definition is the state machine's.";
                    break;
                case ResumeProblem.UnknownState:
                    action = Has("StateName") ? "Pass one of its states as -StateName." : "Resume at one of its states with New-SfnGoToStateMachine -StateName.";
                    break;
                case ResumeProblem.NotTopLevelState when exception.WholeStateAsked:
                    action = $"Pass -StateName '{exception.Ancestor}', or leave -Precision at Precise.";
                    break;
                case ResumeProblem.NotTopLevelState:
                    action = $"Pass -StateName '{exception.Ancestor}': it re-runs '{exception.Ancestor}' as a whole; or pipe in the failure point of a run that failed inside it.";
                    break;
                case ResumeProblem.InvalidInput when exception.InputPart == ResumeInputPart.Recorded:
                    action = $"Correct {exception.Property} on the failure point (one JSON value, such as '{{\"order\":7}}' or '\"text\"')"
                        + (Has("Input") ? ", or give the whole input with -Input." : ", and pipe it again.");
                    break;
                case ResumeProblem.InvalidInput:
                    var parameter = exception.InputPart == ResumeInputPart.Patch ? "InputPatch" : "Input";
                    if (Has(parameter))
                    {
                        message = $"-{parameter} is not valid JSON: {exception.SyntaxError}.";
                    }

                    action = $"Pass {(Has(parameter) ? "-" + parameter : "it")} as JSON text or a hashtable.";
                    break;
                default:
                    action = "Correct what the message names and run the command again.";
                    break;
            }

            return Build(exception, exception.Problem.ToString(), category, target, message, action);
        }

        /// <summary>A state machine not removed as a GoTo copy: the engine's facts, the advice in this cmdlet's terms.</summary>
        private ErrorRecord Copy(GoToCopyException exception, object? target)
        {
            var arn = exception.StateMachineArn;
            switch (exception.Problem)
            {
                case GoToCopyProblem.NotFound:
                    return Build(exception, "StateMachineDoesNotExist", ErrorCategory.ObjectNotFound, target, exception.Message,
                        $"Check the ARN, and that {Parameters("-Region", "-ProfileName")} reach the account and region it names; Get-SfnGoToStateMachine lists the copies there.");
                case GoToCopyProblem.NotACopy:
                    return Build(exception, "NotAGoToCopy", ErrorCategory.InvalidArgument, target,
                        exception.Message + " SfnResume deletes only the copies it made, and nothing was deleted.",
                        $"Pass a copy, as Get-SfnGoToStateMachine lists them; the copy of this state machine, if it has one, is listed by Get-SfnGoToStateMachine -SourceStateMachineArn '{arn}'.");
                case GoToCopyProblem.HasRunningExecutions:
                    return Build(exception, "CopyHasRunningExecutions", ErrorCategory.ResourceBusy, target, exception.Message,
                        $"Wait for them to end (Get-SFNExecutionList -StateMachineArn '{arn}' -StatusFilter RUNNING lists them), or {(Has("IncludeRunning") ? "add -IncludeRunning" : "use Remove-SfnGoToStateMachine -IncludeRunning")} to delete it and stop them.");
                default:
                    return Build(exception, "CopyRunningExecutionsUnknown", ErrorCategory.ResourceBusy, target, exception.Message,
                        $"Express executions end within 5 minutes: once none can be running, {(Has("IncludeRunning") ? "add -IncludeRunning" : "use Remove-SfnGoToStateMachine -IncludeRunning")} to delete it.");
            }
        }

        private static ErrorCategory ExpressCategory(string code)
        {
            switch (code)
            {
                case Express.ExpressLogsException.LogGroupNotFound:
                case Express.ExpressLogsException.RecordsNotFound:
                    return ErrorCategory.ObjectNotFound;
                case Express.ExpressLogsException.RecordsIncomplete:
                case Express.ExpressLogsException.NoRecordsInFile:
                    return ErrorCategory.InvalidData;
                case Express.ExpressLogsException.NotExpressMachine:
                    return ErrorCategory.InvalidArgument;
                case Express.ExpressLogsException.QueryFailed:
                    return ErrorCategory.OperationStopped;
                case Express.ExpressLogsException.StartUnknown:
                    return ErrorCategory.OperationTimeout;
                default:
                    return ErrorCategory.NotEnabled;
            }
        }

        private ErrorRecord Aws(StepFunctionsException exception, string? subject, object? target)
        {
            var id = string.IsNullOrEmpty(exception.ErrorCode) ? "StepFunctionsError" : exception.ErrorCode;
            var requestId = string.IsNullOrEmpty(exception.RequestId) ? string.Empty : $" (AWS request id {exception.RequestId})";
            return Build(exception, id, CategoryFor(exception), target, About(subject, exception.Message + requestId), ActionFor(exception));
        }

        /// <summary>Connection settings that cannot work, said in terms of the AWS.Tools common parameters.</summary>
        private static ErrorRecord Connection(AwsConnectionException exception, object? target)
        {
            var category = ErrorCategory.InvalidArgument;
            var message = exception.Message;
            string action;
            switch (exception.ErrorId)
            {
                case "NoCredentials":
                    category = ErrorCategory.AuthenticationError;
                    message = "No AWS credentials were found. SfnResume looked at -Credential, -AccessKey and -SecretKey, -ProfileName and the shell default (Set-AWSCredential), "
                        + $"then the SDK's chain: {AwsConnection.SdkCredentialChain}.";
                    action = "Pass -ProfileName (Get-AWSCredential -ListProfileDetail lists them) or -AccessKey and -SecretKey, run Set-AWSCredential, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.";
                    break;
                case "ProfileNotFound":
                    action = "Check the name with Get-AWSCredential -ListProfileDetail" + (exception.ProfileLocation == null ? ", or pass -ProfileLocation." : ", or correct -ProfileLocation.");
                    break;
                case "ProfileCredentialsInvalid":
                    action = $"Check it with Get-AWSCredential -ProfileName {exception.ProfileName}, or renew its credentials (aws sso login --profile {exception.ProfileName}).";
                    break;
                case "IncompleteAccessKey":
                    message = "-AccessKey and -SecretKey go together: " + exception.Message;
                    action = "Pass both, or neither and use a profile or the default credential chain.";
                    break;
                case "RegionMismatch" when exception.RegionSource == ConnectionSource.Given:
                    message = $"-Region {exception.Region} contradicts the ARN, which is in {exception.ArnRegion}: Step Functions in {exception.Region} would not find it.";
                    action = $"Leave out -Region (the ARN's region is used), or pass -Region {exception.ArnRegion}.";
                    break;
                case "RegionMismatch":
                    message = $"The region {exception.Region}, from {ConnectionWords.Region(exception.RegionSource, exception.ProfileName)}, contradicts the ARN, which is in {exception.ArnRegion}: "
                        + $"Step Functions in {exception.Region} would not find it.";
                    action = $"Pass -Region {exception.ArnRegion}.";
                    break;
                case "RegionNotSpecified":
                    action = "Pass -Region, run Set-DefaultAWSRegion, or set the AWS_REGION environment variable.";
                    break;
                case "InvalidEndpointUrl":
                    action = "Pass -EndpointUrl like https://states.us-east-1.amazonaws.com or http://127.0.0.1:8083.";
                    break;
                default:
                    action = "Correct the connection parameters and run the command again.";
                    break;
            }

            return Build(exception, exception.ErrorId, category, target, message, action);
        }

        private string ActionFor(StepFunctionsException exception)
        {
            switch (exception.ErrorCode)
            {
                case "ExecutionDoesNotExist":
                    return $"Check the ARN, and that {Parameters("-Region", "-ProfileName")} reach the account and region it names; Get-SFNExecutionList lists the executions.";
                case "StateMachineDoesNotExist":
                    return $"Check the ARN, and that {Parameters("-Region", "-ProfileName")} reach the account and region it names{(Has("StateMachineArn") ? "; Tab after -StateMachineArn lists the state machines" : string.Empty)}.";
                case "ThrottlingException":
                case "ExecutionLimitExceeded":
                case "StateMachineLimitExceeded":
                case "KmsThrottlingException":
                    return $"Step Functions refused more for now: run the command again later{(Has("ThrottleLimit") ? ", or with a lower -ThrottleLimit" : string.Empty)}.";
                case "AccessDeniedException":
                case "KmsAccessDeniedException":
                    // AWS's message names the action and the resource; the policy that grants all a use needs is one command away.
                    return Has("Offline")
                        ? "The credentials in use may not read the state machine: grant the action AWS names, use other credentials (-ProfileName), or pass -Offline with the state machine's role (-RoleArn), and -Logging and -KmsKeyArn as it has them."
                        : "The credentials in use may not make this call: grant the action AWS names (Get-SfnResumePolicy -StateMachineArn <state machine ARN> writes the policy SfnResume needs on it), or use other credentials (-ProfileName).";
                case "UnrecognizedClientException":
                case "InvalidSignatureException":
                case "ExpiredTokenException":
                    return "Step Functions did not accept the credentials: renew them (aws sso login, or new keys) or pass others (-ProfileName, -Credential).";
                default:
                    return (int)exception.StatusCode >= 500
                        ? "Step Functions failed on its side: run the command again later."
                        : "AWS's message says what it refused; quote the request id to AWS Support if it is not clear.";
            }
        }

        private static ErrorCategory CategoryFor(StepFunctionsException exception)
        {
            switch (exception.ErrorCode)
            {
                case "ExecutionDoesNotExist":
                case "StateMachineDoesNotExist":
                case "ResourceNotFound":
                case "ActivityDoesNotExist":
                    return ErrorCategory.ObjectNotFound;
                case "InvalidArn":
                case "InvalidName":
                case "InvalidToken":
                case "InvalidDefinition":
                case "InvalidExecutionInput":
                case "ValidationException":
                    return ErrorCategory.InvalidArgument;
                case "StateMachineAlreadyExists":
                case "ExecutionAlreadyExists":
                    return ErrorCategory.ResourceExists;
                case "ExecutionNotRedrivable":
                case "StateMachineDeleting":
                case "StateMachineTypeNotSupported":
                case "ConflictException":
                    return ErrorCategory.InvalidOperation;
                case "ThrottlingException":
                case "ExecutionLimitExceeded":
                case "StateMachineLimitExceeded":
                case "TooManyTags":
                case "KmsThrottlingException":
                    return ErrorCategory.LimitsExceeded;
                case "AccessDeniedException":
                case "KmsAccessDeniedException":
                case "UnrecognizedClientException":
                case "InvalidSignatureException":
                case "ExpiredTokenException":
                    return ErrorCategory.PermissionDenied;
                default:
                    return (int)exception.StatusCode >= 500 ? ErrorCategory.ConnectionError : ErrorCategory.NotSpecified;
            }
        }

        /// <summary>
        /// Whether the exception or one it wraps says the network failed. While Step Functions is being called an
        /// IOException is the network too: a connection cut while a response is read surfaces as an IOException
        /// (HttpIOException), bare or inside the SDK's AmazonUnmarshallingException, and is no file's fault.
        /// </summary>
        private static bool IsNetwork(Exception exception, ItemStep step)
        {
            for (var e = exception; e != null; e = e.InnerException)
            {
                if (e is System.Net.Http.HttpRequestException || e is System.Net.WebException || e is SocketException || (step == ItemStep.CallingAws && e is IOException))
                {
                    return true;
                }
            }

            return false;
        }

        private static string Innermost(Exception exception)
        {
            // "An error occurred while sending the request." says less than the socket error it wraps.
            var messages = new List<string>();
            for (var e = exception; e != null; e = e.InnerException)
            {
                var message = e.Message.TrimEnd('.');
                if (!messages.Any(m => m.IndexOf(message, StringComparison.Ordinal) >= 0))
                {
                    messages.Add(message);
                }
            }

            return string.Join(" ", messages.Select(m => m + "."));
        }

        /// <summary>The message as the user reads it, naming the item unless it names it already.</summary>
        private static string About(string? subject, string text)
        {
            return string.IsNullOrEmpty(subject) || text.IndexOf(subject, StringComparison.Ordinal) >= 0 ? text : $"'{subject}': {text}";
        }

        private bool Has(string parameter) => parameters.Contains(parameter);

        /// <summary>A path as PowerShell reads it back: in single quotes, a quote doubled.</summary>
        private static string Quoted(string path) => "'" + path.Replace("'", "''") + "'";

        /// <summary>"-DefinitionPath" when the cmdlet has it, else the thing it names.</summary>
        private string Parameter(string parameter) => Has(parameter) ? "-" + parameter : "the file";

        /// <summary>The parameters of this cmdlet among <paramref name="candidates"/>, joined for a sentence.</summary>
        private string Parameters(params string[] candidates)
        {
            var had = candidates.Where(c => Has(c.TrimStart('-'))).ToList();
            return had.Count switch
            {
                0 => "the connection settings",
                1 => had[0],
                _ => string.Join(", ", had.Take(had.Count - 1)) + " and " + had[had.Count - 1],
            };
        }

        private static ErrorRecord Build(Exception exception, string errorId, ErrorCategory category, object? target, string message, string? action)
        {
            return new ErrorRecord(exception, errorId, category, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = action },
            };
        }
    }
}
