using System;
using System.Management.Automation;
using SfnResume.Aws;

namespace SfnResume.PowerShell.Internal
{
    /// <summary>
    /// Turns engine and AWS exceptions into error records with a stable ErrorId and the most specific category.
    /// AWS errors keep their AWS code as the ErrorId (<c>ExecutionDoesNotExist</c>, <c>ThrottlingException</c>, ...).
    /// </summary>
    internal static class ErrorRecords
    {
        private const string ArnExample = "Pass ARNs like arn:aws:states:us-east-1:123456789012:execution:MyMachine:run-1, or pipe Get-SFNExecutionList.";

        /// <summary>
        /// An exception no code path expects: a bug. It still concerns one item, so it is written as a
        /// non-terminating error and the pipeline goes on; the exception is kept for the report.
        /// </summary>
        public static ErrorRecord Internal(Exception exception, object? target)
        {
            return new ErrorRecord(exception, "InternalError", ErrorCategory.NotSpecified, target)
            {
                ErrorDetails = new ErrorDetails($"SfnResume failed unexpectedly on '{target}': {exception.GetType().FullName}: {exception.Message}")
                {
                    RecommendedAction = "This is a bug in SfnResume. Please report it with this message and $Error[0].Exception.ToString() at https://github.com/sfnresume/sfnresume/issues.",
                },
            };
        }

        /// <summary>A value that should be an execution ARN and is not: refused before any request.</summary>
        public static ErrorRecord InvalidExecutionArn(string value) => Create("InvalidExecutionArn", ErrorCategory.InvalidArgument, value,
            $"'{value}' is not an execution ARN.", ArnExample);

        /// <summary>A value given as an execution that is no execution ARN and names no file.</summary>
        public static ErrorRecord NotAnExecution(string value, ExecutionReferenceKind kind)
        {
            return kind switch
            {
                ExecutionReferenceKind.PathLike => Create("PathNotFound", ErrorCategory.ObjectNotFound, value,
                    $"Cannot find the file '{value}', and it is not an execution ARN either.", "Check the path; Get-ChildItem lists the saved histories."),
                ExecutionReferenceKind.Word => Create("InvalidExecutionArn", ErrorCategory.InvalidArgument, value,
                    $"'{value}' is neither an execution ARN nor an existing file.", ArnExample + " Or pass the path of a saved history."),
                _ => InvalidExecutionArn(value),
            };
        }

        /// <summary>A path that names nothing, refused before anything is read.</summary>
        public static ErrorRecord PathNotFound(string path, string parameter) => Create("PathNotFound", ErrorCategory.ObjectNotFound, path,
            $"Cannot find the file '{path}' ({parameter}).", "Check the path; Get-ChildItem lists what is there.");

        /// <summary>A folder given where a file belongs.</summary>
        public static ErrorRecord PathIsFolder(string folder, string parameter, string recommendedAction) => Create("PathIsFolder", ErrorCategory.InvalidArgument, folder,
            $"{parameter} '{folder}' is a folder, not a file.", recommendedAction);

        public static ErrorRecord FromException(Exception exception, object? target)
        {
            switch (exception)
            {
                case StepFunctionsException aws:
                    return new ErrorRecord(aws, string.IsNullOrEmpty(aws.ErrorCode) ? "StepFunctionsError" : aws.ErrorCode, CategoryFor(aws), target)
                    {
                        ErrorDetails = new ErrorDetails(aws.Message + (string.IsNullOrEmpty(aws.RequestId) ? string.Empty : $" (AWS request id {aws.RequestId})")),
                    };
                case AwsConnectionException connection when connection.ErrorId == "NoCredentials":
                    return new ErrorRecord(connection, connection.ErrorId, ErrorCategory.AuthenticationError, target)
                    {
                        ErrorDetails = new ErrorDetails(connection.Message)
                        {
                            RecommendedAction = "Pass -ProfileName (Get-AWSCredential -ListProfileDetail lists them) or -AccessKey and -SecretKey, run Set-AWSCredential, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
                        },
                    };
                case AwsConnectionException connection:
                    return new ErrorRecord(connection, connection.ErrorId, ErrorCategory.InvalidArgument, target);
                case Amazon.Runtime.AmazonClientException client:
                    return new ErrorRecord(client, "AwsClientError", ErrorCategory.ConnectionError, target);
                case System.Net.Http.HttpRequestException _:
                case System.Net.WebException _:
                    return new ErrorRecord(exception, "EndpointUnreachable", ErrorCategory.ConnectionError, target)
                    {
                        ErrorDetails = new ErrorDetails($"Step Functions could not be reached: {exception.Message}") { RecommendedAction = "Check -Region or -EndpointUrl, the network path and any proxy settings." },
                    };
                case TimeoutException _:
                    return new ErrorRecord(exception, "RequestTimedOut", ErrorCategory.OperationTimeout, target);
                case System.IO.IOException _:
                case UnauthorizedAccessException _:
                    return new ErrorRecord(exception, "FileWriteFailed", ErrorCategory.WriteError, target);
                default:
                    return Internal(exception, target);
            }
        }

        public static ErrorRecord Create(string errorId, ErrorCategory category, object? target, string message, string? recommendedAction = null)
        {
            return new ErrorRecord(new InvalidOperationException(message), errorId, category, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction },
            };
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
    }
}
