# The default tables as an operator sees them: at 80 columns (CI logs, pwsh -c, many terminals) the key
# columns, at 120 one more. This process itself runs at 80 columns when build.ps1 starts it.

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Import-Module $StagedManifest -Force

    function Get-Table {
        param($InputObject, [int] $Width)
        $text = $InputObject | Out-String -Width $Width
        $lines = @($text -split "`r?`n" | Where-Object { $_.Trim() })
        [pscustomobject]@{ Text = $text; Lines = $lines; Header = $lines[0] }
    }

    $point = Get-SfnFailurePoint -Path (Join-Path $Examples 'parallel-failed.history.json') -DefinitionPath (Join-Path $Examples 'parallel.asl.json')
    $copy = New-SfnGoToStateMachine -DefinitionPath (Join-Path $Examples 'parallel.asl.json') -StateName 'Parallel 2' -WarningAction SilentlyContinue
    # A row skipped without a call: an Express execution Find-SfnExpressExecution would list, that succeeded.
    $listed = [pscustomobject]@{ ExecutionArn = 'arn:aws:states:us-east-1:123456789012:express:Orders:quick-check:1f2e'; Status = 'SUCCEEDED' }
    $plan = $listed | Test-SfnRedrive -EndpointUrl 'http://127.0.0.1:9' @Offline
    $checked = $listed | Test-SfnRedrive -EndpointUrl 'http://127.0.0.1:9' -Preflight @Offline

    # Rows as a -Preflight run gives them (its output takes the type name of the preflight table): one whose
    # resume state failed on the recorded input, one that could not be checked.
    function New-CheckedRow {
        param([string] $Name, [SfnResume.Preflight.PreflightOutcome] $Outcome)
        $row = [SfnResume.RedriveResult]::new()
        $row.ExecutionArn = "arn:aws:states:eu-west-1:123456789012:execution:ParallelStateMachine:$Name"
        $row.Method = 'GoTo'
        $row.Status = 'Planned'
        $row.ResumeState = 'Parallel 2'
        $row.Preflight = $Outcome
        $shown = [psobject]::AsPSObject($row)
        $shown.PSObject.TypeNames.Insert(0, 'SfnResume.RedriveResult#Preflight')
        $shown
    }
    $failedRow = New-CheckedRow 'sample' ([SfnResume.Preflight.PreflightOutcome]::Failed('Parallel 2', 'FAILED', 'States.Runtime', "The JSONPath '`$.foo' specified for the field 'foo.`$' could not be found in the input '{}'", $null, '[{},{}]'))
    $deniedRow = New-CheckedRow 'sample-2' ([SfnResume.Preflight.PreflightOutcome]::NotTestable('Parallel 2', 'NoPermission', 'The caller may not call TestState.'))
}

Describe 'The session' {
    It 'formats at 80 columns, as CI and redirected output do' {
        $Host.UI.RawUI.BufferSize.Width | Should -Be 80
    }
}

Describe 'FailurePoint table' {
    It 'shows execution, failed state, error and resume state on one line each at 80 columns' {
        $table = Get-Table $point 80
        $table.Lines.Count | Should -Be 3
        $table.Header | Should -Match '^Execution\s+FailedState\s+Error\s+ResumeState\s*$'
        $table.Lines[2] | Should -Match '^parallel-failed\S*\s+Parallel Step 2, \S+\s+Lambda\.Unknown\s+Parallel 2\s*$'
        $table.Lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'adds the status at 120 columns' {
        $table = Get-Table $point 120
        $table.Header | Should -Match 'ResumeState\s+Status$'
        $table.Lines[2] | Should -Match 'Parallel 2\s+FAILED$'
    }
}

Describe 'MapRun table' {
    BeforeAll {
        # A run as DescribeMapRun and the parent's MapRunFailed event give it: 10,000 items, stopped at its threshold.
        $run = [SfnResume.MapRun]::new()
        $run.MapRunArn = 'arn:aws:states:us-east-1:123456789012:mapRun:Orders/ProcessOrders:8f2c1b9e-5d7a-4c3e-9b1f-2a6d8e4c7f01'
        $run.Status = 'FAILED'
        $run.Error = 'States.ExceedToleratedFailureThreshold'
        $run.ToleratedFailureCount = 50
        $counts = [SfnResume.Aws.Model.MapRunCounts]::new()
        $counts.Total = 10000; $counts.Succeeded = 4000; $counts.Failed = 51; $counts.Aborted = 100; $counts.Pending = 5849
        $run.ItemCounts = $counts
        $undescribed = [SfnResume.MapRun]::new()
        $undescribed.MapRunArn = 'arn:aws:states:us-east-1:123456789012:mapRun:Orders/ProcessOrders:1f2e'
        $undescribed.Error = 'States.ItemReaderFailed'
    }

    It 'shows the label, the status and what became of the items on one line at 80 columns' {
        $table = Get-Table $run 80
        $table.Lines.Count | Should -Be 3
        $table.Header | Should -Match '^Label\s+Status\s+Items\s+Succeeded\s+Failed\s+TimedOut\s+Aborted\s+NotStarted\s*$'
        $table.Lines[2] | Should -Match '^ProcessOrders\s+FAILED\s+10,000\s+4,000\s+51\s+0\s+100\s+5,849\s*$'
        $table.Lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'adds why the run failed at 120 columns' {
        (Get-Table $run 120).Lines[2] | Should -Match '5,849\s+States\.ExceedToleratedFailureThreshold$'
    }

    It 'shows a run that could not be described with question marks, not zeros' {
        (Get-Table $undescribed 80).Lines[2] | Should -Match '^ProcessOrders\s+\?\s+\?\s+\?\s+\?\s+\?\s+\?\s+\?\s*$'
    }

    It 'reads in one line as a failure point''s MapRun' {
        "$run" | Should -Be 'FAILED: 4,000 of 10,000 items succeeded, 51 failed, 100 aborted, 5,849 never started; 50 failures tolerated'
    }
}

Describe 'GoToStateMachine table' {
    It 'shows the copy''s name, its source, the resume state and its precision at 80 columns' {
        $table = Get-Table $copy 80
        $table.Lines.Count | Should -Be 3
        $table.Header | Should -Match '^StateMachineName\s+Source\s+ResumeState\s+Precision\s*$'
        $table.Lines[2] | Should -Match '^parallel-goto\s+Parallel 2\s+WholeState\s*$'
        $table.Lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'adds how it was made and the execution it resumes at 120 columns' {
        (Get-Table $copy 120).Header | Should -Match 'Precision\s+Created\s+Execution$'
    }
}

Describe 'RedriveResult table' {
    It 'shows execution, status, the run to follow and the reason at 80 columns' {
        $table = Get-Table $plan 80
        $table.Lines.Count | Should -Be 3
        $table.Header | Should -Match '^Execution\s+Status\s+ResumedExecution\s+Why\s*$'
        $table.Lines[2] | Should -Match '^quick-check\s+Skipped\s+Succeeded\s*$'
        $table.Lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'shows the resumed run''s name whole at 80 columns' {
        $resumed = New-Object SfnResume.RedriveResult -Property @{
            ExecutionArn = 'arn:aws:states:us-east-1:123456789012:execution:Orders:run-42'; Method = 'GoTo'; Status = 'AlreadyResumed'
            ResumedExecutionArn = 'arn:aws:states:us-east-1:123456789012:execution:Orders-goto:run-42-r1-1a2b3c4d'
        }
        (Get-Table $resumed 80).Lines[2] | Should -Match '^run-42\s+AlreadyResumed\s+run-42-r1-1a2b3c4d\s*$'
    }

    It 'shows every reason code and method whole: the longest code at 80 columns, OnMachine at 120' {
        $longest = New-Object SfnResume.RedriveResult -Property @{
            ExecutionArn = 'arn:aws:states:us-east-1:123456789012:execution:Orders:run-43'; Method = 'OnMachine'; Status = 'Planned'
            ReasonCodes = [string[]] @('StartedBeforeRedrive')
        }
        (Get-Table $longest 80).Lines[2] | Should -Match '^run-43\s+Planned\s+StartedBeforeRedrive\s*$'
        (Get-Table $longest 120).Lines[2] | Should -Match '\sStartedBeforeRedrive\s+OnMachine\s*$'
    }

    It 'adds the method and resume state at 120 columns' {
        (Get-Table $plan 120).Header | Should -Match 'Why\s+Method\s+ResumeState$'
    }
}

Describe 'RedriveResult table with -Preflight' {
    It 'shows execution, status, the outcome of the check and why at 80 columns' {
        $table = Get-Table @($failedRow, $deniedRow) 80
        $table.Lines.Count | Should -Be 4
        $table.Header | Should -Match '^Execution\s+Status\s+Preflight\s+Why\s*$'
        $table.Lines[2] | Should -Match '^sample\s+Planned\s+Failed\s+States\.Runtime\s*$'
        $table.Lines[3] | Should -Match '^sample-2\s+Planned\s+NotTestable\s+NoPermission\s*$'
        $table.Lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'shows a JSONata error whole at 80 columns' {
        $jsonata = New-CheckedRow 'order-7' ([SfnResume.Preflight.PreflightOutcome]::Failed('Charge', 'FAILED', 'States.QueryEvaluationError', 'The JSONata expression returned nothing (undefined).', $null, '{}'))
        (Get-Table $jsonata 80).Lines[2] | Should -Match '^order-7\s+Planned\s+Failed\s+States\.QueryEvaluationError\s*$'
    }

    It 'adds the resume state at 120 columns' {
        (Get-Table $failedRow 120).Header | Should -Match 'Why\s+ResumeState'
        (Get-Table $failedRow 120).Lines[2] | Should -Match 'States\.Runtime\s+Parallel 2'
    }

    It 'is the table Test-SfnRedrive -Preflight output takes, with the reason codes of a row not resumed' {
        $checked.PSObject.TypeNames[0] | Should -Be 'SfnResume.RedriveResult#Preflight'
        $table = Get-Table $checked 80
        $table.Header | Should -Match '^Execution\s+Status\s+Preflight\s+Why\s*$'
        $table.Lines[2] | Should -Match '^quick-check\s+Skipped\s+Succeeded\s*$'
    }

    It 'lists the outcome itself with the error and cause' {
        $text = $failedRow.Preflight | Out-String -Width 80
        $text | Should -Match 'Status\s+: Failed'
        $text | Should -Match 'Error\s+: States\.Runtime'
        $text | Should -Match "Cause\s+: The JSONPath '\$\.foo'"
    }
}

Describe 'The policy Get-SfnResumePolicy writes' {
    It 'shows as the policy document itself, ready to copy' {
        $policy = Get-SfnResumePolicy -StateMachineArn 'arn:aws:states:eu-west-1:123456789012:stateMachine:Orders' -Offline -RoleArn 'arn:aws:iam::123456789012:role/OrdersRole'
        $text = ($policy | Out-String -Width 80).Trim()
        $text | Should -BeExactly $policy.Document
        ($text | ConvertFrom-Json).Statement.Sid | Should -Contain 'PassRoleToGoToCopy'
    }
}

Describe 'Find-SfnExpressExecution table' {
    It 'shows each run''s name whole, how and when it ended (UTC) and its error at 80 columns' {
        $item = [SfnResume.Express.ExpressExecutionItem]::new()
        $item.ExecutionArn = 'arn:aws:states:eu-west-1:123456789012:express:Receipts:receipt-2026-12-04-0007:6c1f0e2a-5b7d-4c3e-9a8f-2d4b6e8f0a1c'
        $item.Name = 'receipt-2026-12-04-0007'
        $item.Status = 'TIMED_OUT'
        $item.StopDate = [datetime]::new(2026, 12, 4, 23, 59, 58, [DateTimeKind]::Utc)
        $item.Error = 'States.Timeout'

        $table = Get-Table $item 80

        $table.Header | Should -Match '^Execution\s+Status\s+StopDate \(UTC\)\s+Error$'
        $table.Lines[2] | Should -Match '^receipt-2026-12-04-0007\s+TIMED_OUT\s+2026-12-04 23:59:58Z\s+States\.Timeout$'
        $table.Lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }
}
