# Every error path a user can hit offline, by the FullyQualifiedErrorId a runbook would match on, with the
# path or ARN as the target and the pipeline going on where one item failed.

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Import-Module $StagedManifest -Force

    $history = Join-Path $Examples 'parallel-failed.history.json'
    $definition = Join-Path $Examples 'parallel.asl.json'
}

Describe 'Get-SfnFailurePoint' {
    It 'reports a missing file as PathNotFound with the path as target' {
        $missing = Join-Path $TestDrive 'nope.json'
        $errors = $null
        Get-SfnFailurePoint -Path $missing -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,SfnResume.PowerShell.Commands.GetSfnFailurePointCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be $missing
    }

    It 'reports a file that is no history as InvalidHistoryFile and reads the next file' {
        $bad = Join-Path $TestDrive 'bad.json'
        Set-Content -LiteralPath $bad -Value '{"executions": []}'
        $errors = $null
        $points = Get-SfnFailurePoint -LiteralPath $bad, $history -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidHistoryFile,SfnResume.PowerShell.Commands.GetSfnFailurePointCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errors[0].TargetObject | Should -Be $bad
        @($points).Count | Should -Be 1
        $points.ResumeState | Should -Be 'Parallel 2'
    }

    It 'reports a history that did not fail as ExecutionNotFailed' {
        $succeeded = Join-Path $TestDrive 'succeeded.json'
        Set-Content -LiteralPath $succeeded -Value '{"events":[{"id":1,"previousEventId":0,"timestamp":1700000000,"type":"ExecutionStarted","executionStartedEventDetails":{"input":"{}"}},{"id":2,"previousEventId":1,"timestamp":1700000001,"type":"ExecutionSucceeded","executionSucceededEventDetails":{"output":"{}"}}]}'
        $errors = $null
        Get-SfnFailurePoint -LiteralPath $succeeded -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'ExecutionNotFailed,SfnResume.PowerShell.Commands.GetSfnFailurePointCommand'
    }

    It 'reports an endpoint that does not answer as EndpointUnreachable' {
        $errors = $null
        Get-SfnFailurePoint 'arn:aws:states:us-east-1:123456789012:execution:Orders:run-1' -EndpointUrl 'http://127.0.0.1:9' @Offline -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'EndpointUnreachable,SfnResume.PowerShell.Commands.GetSfnFailurePointCommand'
        $errors[0].TargetObject | Should -Be 'arn:aws:states:us-east-1:123456789012:execution:Orders:run-1'
    }
}

Describe 'New-SfnGoToStateMachine offline' {
    It 'names the top-level ancestor of a nested state (NotTopLevelState)' {
        $errors = $null
        New-SfnGoToStateMachine -DefinitionPath $definition -StateName 'Parallel Step 2, Process 2' -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'NotTopLevelState,SfnResume.PowerShell.Commands.NewSfnGoToStateMachineCommand'
        $errors[0].Exception.Message | Should -Match "'Parallel 2'"
    }

    It 'lists the top-level states for a state the definition lacks (UnknownState)' {
        $errors = $null
        New-SfnGoToStateMachine -DefinitionPath $definition -StateName 'Paralel 2' -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'UnknownState,SfnResume.PowerShell.Commands.NewSfnGoToStateMachineCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].Exception.Message | Should -Match "'Parallel 2'"
    }

    It 'rejects an input that is not JSON (InvalidInput)' {
        $errors = $null
        New-SfnGoToStateMachine -DefinitionPath $definition -StateName 'Parallel 2' -Input '{not json' -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidInput,SfnResume.PowerShell.Commands.NewSfnGoToStateMachineCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}

Describe 'Invoke-SfnRedrive and Test-SfnRedrive' {
    It 'reject a value that is not an execution ARN before any request (InvalidExecutionArn)' {
        foreach ($name in 'Test-SfnRedrive', 'Invoke-SfnRedrive') {
            $errors = $null
            $confirm = if ($name -eq 'Invoke-SfnRedrive') { @{ Force = $true } } else { @{} }
            & $name -ExecutionArn 'not-an-arn' -EndpointUrl 'http://127.0.0.1:9' @Offline @confirm -ErrorVariable errors -ErrorAction SilentlyContinue
            $errors[0].FullyQualifiedErrorId | Should -Be "InvalidExecutionArn,SfnResume.PowerShell.Commands.$($name -replace '-', '')Command"
            $errors[0].TargetObject | Should -Be 'not-an-arn'
        }
    }
}

Describe 'Credentials' {
    It 'reports an unknown profile as ProfileNotFound' {
        $errors = $null
        Save-SfnExecutionHistory 'arn:aws:states:us-east-1:123456789012:execution:Orders:run-1' -Path (Join-Path $TestDrive 'x.json') -ProfileName 'no-such-profile-sfnresume' -ProfileLocation (Join-Path $TestDrive 'none') -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
    }
}
