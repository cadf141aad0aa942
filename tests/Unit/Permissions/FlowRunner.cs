using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SfnResume.Tests.Infrastructure;

namespace SfnResume.Tests.Permissions
{
    /// <summary>
    /// Runs README examples in one PowerShell session, each in a world of its own, against the loopback Step
    /// Functions, behind a policy or not. The README's lines run as written: the connection comes from
    /// $PSDefaultParameterValues, as in the README's emulator section, and AWS.Tools' Get-SFNExecutionList (not
    /// in the registry here) is stood in for by a function that makes the same ListExecutions call.
    /// </summary>
    public sealed class FlowRunner : IDisposable
    {
        /// <summary>
        /// AWS.Tools.StepFunctions' Get-SFNExecutionList, standing in: one ListExecutions request (unsigned; the
        /// loopback does not check signatures), the items as objects with ExecutionListItem's properties, and
        /// AWS's refusal as an error with its code as the ErrorId.
        /// </summary>
        private const string ListExecutionsStandIn = @"
function global:Get-SFNExecutionList {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $StateMachineArn, [string] $StatusFilter, [string] $EndpointUrl, [string] $Region, [string] $AccessKey, [string] $SecretKey)
    $filter = if ($StatusFilter) { ',""statusFilter"":""' + $StatusFilter + '""' } else { '' }
    $body = '{""stateMachineArn"":""' + $StateMachineArn + '"",""maxResults"":1000' + $filter + '}'
    $http = [System.Net.Http.HttpClient]::new()
    try {
        $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Post, $EndpointUrl)
        $null = $request.Headers.TryAddWithoutValidation('X-Amz-Target', 'AWSStepFunctions.ListExecutions')
        $request.Content = [System.Net.Http.StringContent]::new($body, [System.Text.Encoding]::UTF8, 'application/x-amz-json-1.0')
        $response = $http.SendAsync($request).GetAwaiter().GetResult()
        $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
    }
    finally { $http.Dispose() }
    $json = [System.Text.Json.JsonDocument]::Parse($text).RootElement
    $value = [System.Text.Json.JsonElement]::new()
    if (-not $response.IsSuccessStatusCode) {
        $code = $json.GetProperty('__type').GetString().Split('#')[-1]
        $message = if ($json.TryGetProperty('Message', [ref] $value) -or $json.TryGetProperty('message', [ref] $value)) { $value.GetString() } else { $code }
        $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([System.Exception]::new($message), $code, [System.Management.Automation.ErrorCategory]::PermissionDenied, $StateMachineArn))
        return
    }
    foreach ($e in $json.GetProperty('executions').EnumerateArray()) {
        $stop = $null
        if ($e.TryGetProperty('stopDate', [ref] $value) -and $value.ValueKind -eq 'Number') { $stop = [DateTimeOffset]::FromUnixTimeMilliseconds([long]($value.GetDouble() * 1000)).UtcDateTime }
        [pscustomobject]@{
            ExecutionArn = $e.GetProperty('executionArn').GetString()
            StateMachineArn = $e.GetProperty('stateMachineArn').GetString()
            Name = $e.GetProperty('name').GetString()
            Status = $e.GetProperty('status').GetString()
            StartDate = [DateTimeOffset]::FromUnixTimeMilliseconds([long]($e.GetProperty('startDate').GetDouble() * 1000)).UtcDateTime
            StopDate = $stop
            RedriveCount = $e.GetProperty('redriveCount').GetInt32()
        }
    }
}";

        /// <summary>What each run starts with: the connection, a -Wait that polls every second, nothing left of the run before.</summary>
        private const string Prelude = @"
$Error.Clear()
$ErrorActionPreference = 'Continue'
foreach ($name in 'point', 'goto', 'results', 'failed', 'problems') { $ExecutionContext.SessionState.PSVariable.Remove($name) }
$null = $ExecutionContext.SessionState.Path.SetLocation($work)
$PSDefaultParameterValues.Clear()
$PSDefaultParameterValues['*-Sfn*:EndpointUrl'] = $endpoint
$PSDefaultParameterValues['*-Sfn*:Region'] = 'eu-west-1'
$PSDefaultParameterValues['*-Sfn*:AccessKey'] = 'AKIDEXAMPLE'
$PSDefaultParameterValues['*-Sfn*:SecretKey'] = 'secret'
$PSDefaultParameterValues['*-Sfn*:PollIntervalSeconds'] = 1
$aws = @{}
";

        public FlowRunner()
        {
            var defined = Session.Run(ListExecutionsStandIn);
            if (defined.Errors.Count > 0)
            {
                throw new InvalidOperationException("The Get-SFNExecutionList stand-in did not load: " + string.Join("; ", defined.Errors));
            }
        }

        public PowerShellSession Session { get; } = new PowerShellSession();

        /// <summary>
        /// Runs <paramref name="flow"/> in a new world; with <paramref name="policy"/>, every request is judged by it
        /// first. <paramref name="inspect"/> sees the run before its world goes.
        /// </summary>
        public FlowOutcome Run(ReadmeFlow flow, string? policy, Action<FlowRun>? inspect = null)
        {
            using var world = new PermissionWorld();
            flow.Arrange?.Invoke(world);
            var iam = policy == null ? null : new IamLoopback(world.Handler, policy, PermissionWorld.Keys);
            using var endpoint = new LoopbackEndpoint(iam != null ? iam.Handle : world.Handler);
            var variables = new Dictionary<string, object?>
            {
                ["endpoint"] = endpoint.Url,
                ["work"] = world.Work.FullName,
                ["stateMachineArn"] = RedriveServer.MachineArn(flow.Machine),
                ["executionArn"] = PermissionWorld.ExecutionArn(flow.Machine, flow.Execution),
                ["arns"] = PermissionWorld.FailedOf(flow.Machine).ToArray(),
            };
            var result = Session.Run(Prelude + string.Join("\n", flow.Lines), variables);
            var errors = Session.Run("@($global:Error)").Output.Select(o => o.BaseObject).OfType<ErrorRecord>().ToList();
            var run = new FlowRun(world, result, errors, Session, endpoint, iam);
            var problems = new List<string>();
            var allErrors = errors.Concat(result.Errors).Select(e => $"{e.FullyQualifiedErrorId}: {e.Exception.Message}").Distinct().ToList();
            if (allErrors.Count > 0)
            {
                problems.Add("errors: " + string.Join(" | ", allErrors));
            }

            var refusedAloud = result.Warnings.Concat(result.Verbose).Where(t => t.Contains("is not authorized to perform", StringComparison.Ordinal)).ToList();
            if (refusedAloud.Count > 0)
            {
                problems.Add("refusals said: " + string.Join(" | ", refusedAloud));
            }

            string? finding;
            try
            {
                finding = flow.Check(run);
            }
            catch (Exception e)
            {
                finding = $"the check failed: {e.GetType().Name}: {e.Message}";
            }

            if (finding != null)
            {
                problems.Add(finding);
            }

            inspect?.Invoke(run);
            var problem = problems.Count == 0 ? null : string.Join("; ", problems);
            return new FlowOutcome(run, problem, string.Join("\n", new[] { result.EverythingVisible() }.Concat(allErrors).Concat(problem == null ? Array.Empty<string>() : new[] { problem })));
        }

        public void Dispose() => Session.Dispose();
    }
}
