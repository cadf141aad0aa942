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
    It 'shows execution, status, resume state and error on one line each at 80 columns' {
        $table = Get-Table $point 80
        $table.Lines.Count | Should -Be 3
        $table.Header | Should -Match '^Execution\s+Status\s+ResumeState\s+Error\s*$'
        $table.Lines[2] | Should -Match '^parallel-failed\S*\s+FAILED\s+Parallel 2\s+Lambda\.Unknown\s*$'
        $table.Lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'adds the failed state at 120 columns' {
        $table = Get-Table $point 120
        $table.Header | Should -Match 'Error\s+FailedState$'
        $table.Lines[2] | Should -Match 'Lambda\.Unknown\s+Parallel Step 2, Process 2$'
    }
}

Describe 'GoToStateMachine table' {
    It 'shows the copy''s name, how it was made, the resume state and its precision at 80 columns' {
        $table = Get-Table $copy 80
        $table.Lines.Count | Should -Be 3
        $table.Header | Should -Match '^StateMachineName\s+Created\s+ResumeState\s+Precision\s+Execution\s*$'
        $table.Lines[2] | Should -Match '^parallel-goto\s+Offline\s+Parallel 2\s+WholeState\s*$'
        $table.Lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'adds the source state machine at 120 columns' {
        (Get-Table $copy 120).Header | Should -Match 'Execution\s+Source$'
    }
}

Describe 'RedriveResult table' {
    It 'shows execution, method, status, resume state and the reason at 80 columns' {
        $table = Get-Table $plan 80
        $table.Lines.Count | Should -Be 3
        $table.Header | Should -Match '^Execution\s+Method\s+Status\s+ResumeState\s+Why\s*$'
        $table.Lines[2] | Should -Match '^quick-check\s+None\s+Skipped\s+NotStandard\s*$'
        $table.Lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'adds the resumed execution at 120 columns' {
        (Get-Table $plan 120).Header | Should -Match 'Why\s+ResumedExecution$'
    }
}
