# Invoke-SfnRedrive -Canary as a runbook uses it, in a fresh pwsh against stepfunctions-local (an independent
# Step Functions server on 127.0.0.1; it has no RedriveExecution, so the executions take the GoTo path): a fix
# that does not work stops at the canary; one that works lets the others follow. (Running the same line again
# after a fix is shown against the loopback endpoint, InvokeSfnRedriveCanaryTests and ExactlyOnceTests:
# stepfunctions-local reverses a stored history in place when it is read newest first, so a second read of the
# same history comes back oldest first.)

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Import-Module $StagedManifest -Force
    $server = Start-StepFunctionsLocal
    $url = $server.Url
    $PSDefaultParameterValues = @{
        '*-Sfn*:EndpointUrl' = $url; '*-Sfn*:Region' = 'us-east-1'; '*-Sfn*:AccessKey' = 'AKIDEXAMPLE'; '*-Sfn*:SecretKey' = 'example'
    }

    # Charge calls a Lambda function on a closed port, so it fails there; with $Fixed it is a Pass.
    function Get-PaymentsDefinition([switch] $Fixed) {
        $charge = if ($Fixed) { @{ Type = 'Pass'; Next = 'Ship' } } else { @{ Type = 'Task'; Resource = 'arn:aws:lambda:us-east-1:123456789012:function:charge'; Next = 'Ship' } }
        @{ StartAt = 'Prepare'; States = [ordered]@{ Prepare = @{ Type = 'Pass'; Next = 'Charge' }; Charge = $charge; Ship = @{ Type = 'Pass'; End = $true } } } | ConvertTo-Json -Depth 10
    }

    # A state machine whose three runs failed at Charge; with $Fixed, its definition was fixed since.
    function New-FailedPayments([string] $Name, [switch] $Fixed) {
        $machine = (Invoke-SfnApi $url CreateStateMachine @{ name = $Name; definition = (Get-PaymentsDefinition); roleArn = 'arn:aws:iam::123456789012:role/sfn' }).stateMachineArn
        foreach ($n in 1..3) {
            $arn = (Invoke-SfnApi $url StartExecution @{ stateMachineArn = $machine; name = "pay-$n"; input = "{""payment"":$n}" }).executionArn
            (Wait-SfnExecutionEnd $url $arn).status | Should -Be 'FAILED'
            $arn
        }

        if ($Fixed) { $null = Invoke-SfnApi $url UpdateStateMachine @{ stateMachineArn = $machine; definition = (Get-PaymentsDefinition -Fixed) } }
    }
}

AfterAll {
    Stop-StepFunctionsLocal $server
}

Describe 'Invoke-SfnRedrive -Canary 1' {
    It 'stops at a canary that fails again: its result and a warning say where, and each other execution is a CanaryFailed error' {
        $failed = New-FailedPayments 'Payments'

        $results = $failed | Invoke-SfnRedrive -Method GoTo -Canary 1 -Force -PollIntervalSeconds 1 -ErrorVariable untouched -ErrorAction SilentlyContinue -WarningVariable warned -WarningAction SilentlyContinue

        @($results).Count | Should -Be 1
        $results.ExecutionArn | Should -Be $failed[0]
        $results.Canary | Should -BeTrue
        $results.Status | Should -Be 'FAILED'
        $results.FailurePoint.FailedState | Should -Be 'Charge'
        # stepfunctions-local has no ListTagsForResource: the copy's missing tags are the other warning.
        $canaryWarnings = @($warned | Where-Object { "$_" -notmatch 'could not be read' })
        $canaryWarnings.Count | Should -Be 1
        "$($canaryWarnings[0])" | Should -Match "Canary 'pay-1' of 'Payments' ended FAILED at state 'Charge'"
        @($untouched).Count | Should -Be 2
        $untouched | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'CanaryFailed,SfnResume.PowerShell.Commands.InvokeSfnRedriveCommand' }
        $untouched | ForEach-Object { $_.CategoryInfo.Category | Should -Be 'OperationStopped' }
        $untouched.TargetObject | Sort-Object | Should -Be ($failed[1..2] | Sort-Object)
        $started = (Invoke-SfnApi $url ListExecutions @{ stateMachineArn = $results.StateMachineArn }).executions
        @($started).Count | Should -Be 1 -Because 'only the canary ran on the copy'
    }

    It 'resumes the others once the canary succeeded' {
        $failed = New-FailedPayments 'Refunds' -Fixed

        $results = $failed | Invoke-SfnRedrive -Method GoTo -Canary 1 -Force -PollIntervalSeconds 1 -ErrorVariable errors

        $errors | Should -BeNullOrEmpty
        @($results).Count | Should -Be 3
        $canary = $results | Where-Object Canary
        $canary.ExecutionArn | Should -Be $failed[0]
        $canary.Status | Should -Be 'SUCCEEDED'
        $others = @($results | Where-Object { -not $_.Canary })
        $others.ExecutionArn | Sort-Object | Should -Be ($failed[1..2] | Sort-Object)
        $others | ForEach-Object { $_.Status | Should -Be 'Started' }
    }
}
