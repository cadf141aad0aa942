# The README's pipelines, run as written against stepfunctions-local (an independent Step Functions server
# on 127.0.0.1). Get-SFNExecutionList stands in for AWS.Tools.StepFunctions' cmdlet of that name: it emits
# objects shaped like Amazon.StepFunctions.Model.ExecutionListItem (Status a ConstantClass-like object whose
# ToString is the value, dates as DateTime), which SfnResume binds by property name.

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Import-Module $StagedManifest -Force
    $server = Start-StepFunctionsLocal
    $url = $server.Url
    $PSDefaultParameterValues = @{
        '*-Sfn*:EndpointUrl' = $url; '*-Sfn*:Region' = 'us-east-1'; '*-Sfn*:AccessKey' = 'AKIDEXAMPLE'; '*-Sfn*:SecretKey' = 'example'
    }

    function Get-SFNExecutionList {
        param([string] $StateMachineArn, [string] $StatusFilter)
        $body = @{ stateMachineArn = $StateMachineArn }
        if ($StatusFilter) { $body.statusFilter = $StatusFilter }
        foreach ($item in (Invoke-SfnApi $url ListExecutions $body).executions) {
            $status = [pscustomobject]@{ Value = $item.status }
            $status | Add-Member -MemberType ScriptMethod -Name ToString -Value { $this.Value } -Force
            $shaped = [pscustomobject]@{
                ExecutionArn    = $item.executionArn
                StateMachineArn = $item.stateMachineArn
                Name            = $item.name
                Status          = $status
                StartDate       = [DateTimeOffset]::FromUnixTimeMilliseconds([long]($item.startDate * 1000)).LocalDateTime
                StopDate        = [DateTimeOffset]::FromUnixTimeMilliseconds([long]($item.stopDate * 1000)).UtcDateTime
                RedriveCount    = 0
            }
            $shaped.PSObject.TypeNames.Insert(0, 'Amazon.StepFunctions.Model.ExecutionListItem')
            $shaped
        }
    }

    # Prepare (a Pass) hands Charge an input; Charge calls a Lambda function on a closed port and fails there.
    function New-OrdersMachine([string] $Name) {
        $definition = @{
            StartAt = 'Prepare'
            States  = [ordered]@{
                Prepare = @{ Type = 'Pass'; Result = @{ ready = $true }; ResultPath = '$.prepared'; Next = 'Charge' }
                Charge  = @{ Type = 'Task'; Resource = 'arn:aws:lambda:us-east-1:123456789012:function:charge'; Next = 'Ship' }
                Ship    = @{ Type = 'Pass'; End = $true }
            }
        } | ConvertTo-Json -Depth 10
        (Invoke-SfnApi $url CreateStateMachine @{ name = $Name; definition = $definition; roleArn = 'arn:aws:iam::123456789012:role/sfn' }).stateMachineArn
    }

    function Start-FailedRun([string] $StateMachineArn, [string] $Name, [string] $Document) {
        $arn = (Invoke-SfnApi $url StartExecution @{ stateMachineArn = $StateMachineArn; name = $Name; input = $Document }).executionArn
        (Wait-SfnExecutionEnd $url $arn).status | Should -Be 'FAILED'
        $arn
    }
}

AfterAll {
    Stop-StepFunctionsLocal $server
}

Describe 'Get-SFNExecutionList -StateMachineArn $stateMachineArn -StatusFilter FAILED | Get-SfnFailurePoint' {
    It 'finds where each failed run stopped, and the input to resume with' {
        $stateMachineArn = New-OrdersMachine 'Orders'
        $failed = 'run-1', 'run-2' | ForEach-Object { Start-FailedRun $stateMachineArn $_ "{""order"":""$_""}" }

        $points = @(Get-SFNExecutionList -StateMachineArn $stateMachineArn -StatusFilter FAILED | Get-SfnFailurePoint)

        $points.Count | Should -Be 2
        $points.ExecutionArn | Sort-Object | Should -Be ($failed | Sort-Object)
        foreach ($point in $points) {
            $point.ResumeState | Should -Be 'Charge'
            $input = $point.ResumeInput | ConvertFrom-Json
            $input.order | Should -Be $point.ExecutionName
            $input.prepared.ready | Should -BeTrue
        }
    }
}

Describe 'Get-SfnFailurePoint $executionArn | New-SfnGoToStateMachine | Start-SfnGoToExecution' {
    It 'creates the GoTo copy and starts it with the recorded input of the failed state' {
        $stateMachineArn = New-OrdersMachine 'Invoices'
        $executionArn = Start-FailedRun $stateMachineArn 'inv-7' '{"invoice":7}'

        $started = Get-SfnFailurePoint $executionArn | New-SfnGoToStateMachine | Start-SfnGoToExecution

        $started.ExecutionArn | Should -Match ':execution:Invoices-goto:'
        $run = Wait-SfnExecutionEnd $url $started.ExecutionArn
        $entered = @((Invoke-SfnApi $url GetExecutionHistory @{ executionArn = $run.executionArn }).events | Where-Object type -like '*StateEntered')
        $entered[0].stateEnteredEventDetails.name | Should -Be 'GoToState'
        $resuming = ($entered[0].stateEnteredEventDetails.input | ConvertFrom-Json).resuming
        $resuming.state | Should -Be 'Charge'
        $resuming.input.invoice | Should -Be 7
        $resuming.input.prepared.ready | Should -BeTrue
    }

    It 'binds into Start-SFNExecution by property name (StateMachineArn, Input and the resume''s own Name)' {
        $stateMachineArn = New-OrdersMachine 'Shipments'
        $executionArn = Start-FailedRun $stateMachineArn 'ship-3' '{"shipment":3}'
        function Start-SFNExecution {
            param([Parameter(ValueFromPipelineByPropertyName)] [string] $StateMachineArn, [Parameter(ValueFromPipelineByPropertyName)] [string] $Input, [Parameter(ValueFromPipelineByPropertyName)] [string] $Name)
            # $Input is also PowerShell's automatic pipeline enumerator: read the bound value by name.
            process { [pscustomobject]@{ StateMachineArn = $StateMachineArn; Input = $PSBoundParameters['Input']; Name = $Name } }
        }

        $bound = Get-SfnFailurePoint $executionArn | New-SfnGoToStateMachine | Start-SFNExecution

        $bound.StateMachineArn | Should -Be "$stateMachineArn-goto"
        ($bound.Input | ConvertFrom-Json).resuming.input.shipment | Should -Be 3
        $bound.Name | Should -Match '^ship-3-r1-[0-9a-f]{8}$' -Because 'the run is named from the failed execution and the attempt, so a retried pipeline starts it once'
    }
}

Describe 'Start-SfnGoToExecution as an operator sees it' {
    It 'shows the new run''s whole name, its status and when it started, in UTC, at 80 columns' {
        $stateMachineArn = New-OrdersMachine 'Refunds'
        $executionArn = Start-FailedRun $stateMachineArn 'refund-with-a-long-name-17' '{"refund":17}'

        $started = Get-SfnFailurePoint $executionArn | New-SfnGoToStateMachine | Start-SfnGoToExecution

        $started | Should -BeOfType ([SfnResume.StartedExecution])
        $started.Name | Should -Match '^refund-with-a-long-name-17-r1-[0-9a-f]{8}$'
        $lines = @(($started | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^Execution\s+Status\s+StartDate \(UTC\)\s+Run\s*$'
        $lines[2] | Should -Match ('^' + [regex]::Escape($started.Name) + '\s+RUNNING\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+new\s*$')
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        $started.StartDate.Kind | Should -Be 'Utc'
    }
}

Describe 'Save-SfnExecutionHistory | Get-SfnFailurePoint' {
    It 'says which file it wrote and how many events it holds, and the result pipes on as the file' {
        $stateMachineArn = New-OrdersMachine 'Returns'
        $executionArn = Start-FailedRun $stateMachineArn 'return-5' '{"return":5}'
        $path = Join-Path $TestDrive 'return-5.json'

        $saved = Save-SfnExecutionHistory -ExecutionArn $executionArn -Path $path

        $saved | Should -BeOfType ([SfnResume.SavedExecutionHistory])
        $saved.FullName | Should -Be $path
        $saved.Events | Should -Be @((Get-Content -Raw $path | ConvertFrom-Json).events).Count
        $saved.Length | Should -Be (Get-Item $path).Length
        $lines = @(($saved | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^Name\s+Events\s+Size\s+Execution\s*$'
        $lines[2] | Should -Match "^return-5\.json\s+$($saved.Events)\s+\d+ KB\s+return-5\s*$"
        ($saved | Get-SfnFailurePoint).ResumeState | Should -Be 'Charge'
    }
}
