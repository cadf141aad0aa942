# Output objects as operators file them in incident reports: Export-Csv and ConvertTo-Json with no options.
# Lists and records read as text, never as a .NET type name.

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Import-Module $StagedManifest -Force
    $point = Get-SfnFailurePoint -Path (Join-Path $Examples 'parallel-failed.history.json') -DefinitionPath (Join-Path $Examples 'parallel.asl.json')
    $point.Notes = [string[]] @('No state reported an error', 'The definition was given')
    $variables = [System.Collections.Generic.Dictionary[string, string]]::new()
    $variables['attempt'] = '2'
    $variables['customer'] = '{"id":7}'
    $point.Variables = $variables
    $result = New-Object SfnResume.RedriveResult -Property @{
        ExecutionArn = 'arn:aws:states:eu-west-1:123456789012:execution:Orders:run-42'; Method = 'None'; Status = 'Skipped'
        ReasonCodes = [System.Collections.Generic.List[string]] @('ClosedTooLongAgo', 'DefinitionChanged'); PrecisionCodes = [string[]] @('TruncatedOutput')
    }
}

Describe 'Export-Csv' {
    It 'writes a failure point''s lists and records as text an incident report can hold' {
        $file = Join-Path $TestDrive 'points.csv'
        $point | Export-Csv -LiteralPath $file
        $row = Import-Csv -LiteralPath $file
        (Get-Content -Raw -LiteralPath $file) | Should -Not -Match 'System\.Collections|SfnResume\.History'
        $row.Notes | Should -Be 'No state reported an error; The definition was given'
        $row.Variables | Should -Be 'attempt=2; customer={"id":7}'
        $row.Containers | Should -Be "'Parallel 2': branch 2 of 2 failed"
        $row.FailedState | Should -Be 'Parallel Step 2, Process 2'
    }

    It 'writes a policy''s statements, permissions and notes as text' {
        $file = Join-Path $TestDrive 'policy.csv'
        Get-SfnResumePolicy -StateMachineArn 'arn:aws:states:eu-west-1:123456789012:stateMachine:Orders' -Offline -Use Analysis -KmsKeyArn 'alias/orders' -WarningAction SilentlyContinue | Export-Csv -LiteralPath $file
        $row = Import-Csv -LiteralPath $file
        (Get-Content -Raw -LiteralPath $file) | Should -Not -Match 'System\.Collections|SfnResume\.History'
        $row.Uses | Should -Be 'Analysis'
        $row.Statements | Should -Match '^ListExecutions: states:ListExecutions on arn:aws:states:eu-west-1:123456789012:stateMachine:Orders; '
        $row.Grants | Should -Match 'states:GetExecutionHistory on arn:aws:states:eu-west-1:123456789012:execution:Orders:\*'
        $row.Notes | Should -Match 'alias/orders'
    }

    It 'writes a result''s reason and precision codes as text' {
        $file = Join-Path $TestDrive 'results.csv'
        $result | Export-Csv -LiteralPath $file
        $row = Import-Csv -LiteralPath $file
        $row.ReasonCodes | Should -Be 'ClosedTooLongAgo; DefinitionChanged'
        $row.PrecisionCodes | Should -Be 'TruncatedOutput'
    }
}

Describe 'ConvertTo-Json' {
    It 'writes lists as arrays and, past its default depth, records as their summaries' {
        $json = $point | ConvertTo-Json -WarningAction SilentlyContinue
        $json | Should -Not -Match 'System\.Collections|SfnResume\.History'
        $back = $json | ConvertFrom-Json
        $back.Notes | Should -Be @('No state reported an error', 'The definition was given')
        $back.Variables.customer | Should -Be '{"id":7}'
        $back.Containers[0].StateName | Should -Be 'Parallel 2'
        $back.Containers[0].Branches | Should -Match "1: Failed at 'Parallel Step 2, Process 2'"
    }

    It 'writes every branch in full with -Depth, and outcomes as names with -EnumsAsStrings' {
        $back = $point | ConvertTo-Json -Depth 6 -EnumsAsStrings | ConvertFrom-Json
        $back.Containers[0].Branches.Outcome | Should -Be @('NotFinished', 'Failed')
        $back.Containers[0].Branches[1].ResumeState | Should -Be 'Parallel Step 2, Process 2'
    }
}
