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
    $plan = Test-SfnRedrive -ExecutionArn 'arn:aws:states:us-east-1:123456789012:express:Orders:quick-check:1f2e' -EndpointUrl 'http://127.0.0.1:9' @Offline
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
        $table.Lines[2] | Should -Match '^quick-check\s+Skipped\s+NotStandard\s*$'
        $table.Lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'shows the resumed run''s name whole at 80 columns' {
        $resumed = New-Object SfnResume.RedriveResult -Property @{
            ExecutionArn = 'arn:aws:states:us-east-1:123456789012:execution:Orders:run-42'; Method = 'GoTo'; Status = 'AlreadyResumed'
            ResumedExecutionArn = 'arn:aws:states:us-east-1:123456789012:execution:Orders-goto:run-42-r1-1a2b3c4d'
        }
        (Get-Table $resumed 80).Lines[2] | Should -Match '^run-42\s+AlreadyResumed\s+run-42-r1-1a2b3c4d\s*$'
    }

    It 'adds the method and resume state at 120 columns' {
        (Get-Table $plan 120).Header | Should -Match 'Why\s+Method\s+ResumeState$'
    }
}
