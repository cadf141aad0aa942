# Tab completion as a user gets it: TabExpansion2 on a command line, offline and against stepfunctions-local.

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Import-Module $StagedManifest -Force

    function Complete {
        param([string] $Line)
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
    }

    $definition = Join-Path $Examples 'parallel.asl.json'
}

Describe 'Offline completion' {
    It 'completes -StateName with the top-level states of -DefinitionPath, quoted where needed' {
        Push-Location $RepositoryRoot
        try { Complete 'New-SfnGoToStateMachine -DefinitionPath ./examples/parallel.asl.json -StateName ' | Should -Be @('Parallel', "'Parallel 2'", "'Final Processing'") }
        finally { Pop-Location }
    }

    It 'narrows -StateName to what was typed, inside an open quote too' {
        Complete "New-SfnGoToStateMachine -DefinitionPath '$definition' -StateName Par" | Should -Be @('Parallel', "'Parallel 2'")
        Complete "New-SfnGoToStateMachine -DefinitionPath '$definition' -StateName 'Final" | Should -Be @("'Final Processing'")
        Complete "New-SfnGoToStateMachine -DefinitionPath '$definition' -StateName *Proc" | Should -Be @("'Final Processing'")
    }

    It 'completes -StateName from -Definition text' {
        Complete "New-SfnGoToStateMachine -Definition '{""StartAt"":""A"",""States"":{""A"":{""Type"":""Pass"",""Next"":""B""},""B"":{""Type"":""Succeed""}}}' -StateName " | Should -Be @('A', 'B')
    }

    It 'offers no file names for -StateName when the definition cannot be read' {
        Complete 'New-SfnGoToStateMachine -DefinitionPath ./no-such.asl.json -StateName ' | Should -BeNullOrEmpty
    }

    It 'completes -Region from the SDK''s region list' {
        $regions = Complete 'Get-SfnFailurePoint -Region eu-west-'
        $regions | Should -Contain 'eu-west-1'
        $regions | Should -Contain 'eu-west-3'
        $regions | ForEach-Object { $_ | Should -BeLike 'eu-west-*' }
    }

    It 'completes -ProfileName from the profiles of -ProfileLocation' {
        $file = Join-Path $TestDrive 'credentials'
        Set-Content -LiteralPath $file -Value "[ops-admin]`naws_access_key_id = AKIDEXAMPLE`naws_secret_access_key = x`n[ops readonly]`naws_access_key_id = AKIDEXAMPLE`naws_secret_access_key = y"
        Complete "Save-SfnExecutionHistory -ProfileLocation '$file' -ProfileName ops" | Should -Be @("'ops readonly'", 'ops-admin')
    }

    It 'offers nothing, quickly, for -ExecutionArn when no endpoint answers' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        Complete 'Save-SfnExecutionHistory -EndpointUrl http://127.0.0.1:9 -Region us-east-1 -AccessKey a -SecretKey b -ExecutionArn arn:aws:states:us-east-1:123456789012:execution:Orders:' | Should -BeNullOrEmpty
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 10 -Because 'completion gives up after a few seconds'
    }
}

Describe 'Completion against stepfunctions-local' {
    BeforeAll {
        $server = Start-StepFunctionsLocal
        $url = $server.Url
        $connection = "-EndpointUrl $url -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey example"
        # A Choice sends {"fail": true} to a Lambda task on a closed port (a real failure there), else to a Pass.
        $mixed = @{
            StartAt = 'Route'
            States  = [ordered]@{
                Route  = @{ Type = 'Choice'; Choices = @(@{ Variable = '$.fail'; BooleanEquals = $true; Next = 'Charge' }); Default = 'Ship' }
                Charge = @{ Type = 'Task'; Resource = 'arn:aws:lambda:us-east-1:123456789012:function:charge'; Next = 'Ship' }
                Ship   = @{ Type = 'Pass'; End = $true }
            }
        } | ConvertTo-Json -Depth 10
        $orders = (Invoke-SfnApi $url CreateStateMachine @{ name = 'Orders'; definition = $mixed; roleArn = 'arn:aws:iam::123456789012:role/sfn' }).stateMachineArn
        Invoke-SfnApi $url CreateStateMachine @{ name = 'Billing'; definition = '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}'; roleArn = 'arn:aws:iam::123456789012:role/sfn' } | Out-Null
        $bad = (Invoke-SfnApi $url StartExecution @{ stateMachineArn = $orders; name = 'run-bad'; input = '{"fail": true}' }).executionArn
        Wait-SfnExecutionEnd $url $bad | Out-Null
        $good = (Invoke-SfnApi $url StartExecution @{ stateMachineArn = $orders; name = 'run-good'; input = '{"fail": false}' }).executionArn
        Wait-SfnExecutionEnd $url $good | Out-Null
    }

    AfterAll {
        Stop-StepFunctionsLocal $server
    }

    It 'completes -StateMachineArn by name from ListStateMachines' {
        Complete "New-SfnGoToStateMachine $connection -StateMachineArn Ord" | Should -Be @($orders)
        @(Complete "Start-SfnGoToExecution $connection -StateMachineArn ").Count | Should -Be 2
    }

    It 'completes -StateName from the state machine''s definition' {
        Complete "New-SfnGoToStateMachine $connection -StateMachineArn $orders -StateName " | Should -Be @('Route', 'Charge', 'Ship')
    }

    It 'completes -ExecutionArn with the state machine''s executions, failed first' {
        $prefix = ($orders -replace ':stateMachine:', ':execution:') + ':'
        Complete "Save-SfnExecutionHistory $connection -ExecutionArn $prefix" | Should -Be @($bad, $good)
        Complete "Invoke-SfnRedrive $connection -ExecutionArn ${prefix}run-g" | Should -Be @($good)
    }
}
