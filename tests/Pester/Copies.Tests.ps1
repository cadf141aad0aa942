# The GoTo copies as an operator meets them: Get-SfnGoToStateMachine's table at 80 columns (and what wider
# windows add), its objects in CSV and JSON, and a clean-up tried with -WhatIf first, typed in a fresh pwsh
# against a loopback Step Functions on 127.0.0.1. stepfunctions-local keeps no tags, so the loopback here is
# a few lines of its own: an account with a production machine, two copies (one running a resume) and a
# machine only named like a copy; it records every call, so the test sees that -WhatIf deleted nothing.

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Import-Module $StagedManifest -Force

    $account = 'arn:aws:states:eu-west-1:123456789012'
    function Get-Epoch([string] $Utc) { ([DateTimeOffset]::Parse($Utc, [Globalization.CultureInfo]::InvariantCulture)).ToUnixTimeMilliseconds() / 1000.0 }
    $copyTags = { param($Source) @(@{ key = 'team'; value = 'payments' }, @{ key = 'sfnresume:source'; value = "${account}:stateMachine:$Source" }, @{ key = 'sfnresume:definition-sha256'; value = '9f2c4e81b7a05d3366e1f0c2aa4b9d7e5c3f1a2b' + $Source.Length }) }
    $machines = [ordered]@{
        "${account}:stateMachine:Orders"      = @{ name = 'Orders'; created = (Get-Epoch '2024-01-10T09:00:00Z'); tags = @(@{ key = 'team'; value = 'payments' }); executions = @() }
        "${account}:stateMachine:Orders-goto" = @{ name = 'Orders-goto'; created = (Get-Epoch '2025-03-02T10:00:00Z'); tags = (& $copyTags 'Orders'); executions = @(
                @{ name = 'order-7-r1-1a2b3c4d'; status = 'RUNNING'; start = (Get-Epoch '2025-06-01T08:15:00Z') }
                @{ name = 'order-3-r1-5e6f7a8b'; status = 'SUCCEEDED'; start = (Get-Epoch '2025-05-20T12:00:00Z') }) }
        "${account}:stateMachine:Billing-goto" = @{ name = 'Billing-goto'; created = (Get-Epoch '2025-02-14T16:30:00Z'); tags = (& $copyTags 'Billing'); executions = @(
                @{ name = 'bill-9-r1-0c0d0e0f'; status = 'SUCCEEDED'; start = (Get-Epoch '2025-04-01T07:45:00Z') }) }
        "${account}:stateMachine:Legacy-goto" = @{ name = 'Legacy-goto'; created = (Get-Epoch '2023-11-01T00:00:00Z'); tags = @(); executions = @() }
    }

    # The loopback: one request at a time on a runspace of its own, until the listener stops.
    $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
    $url = "http://127.0.0.1:$port/"
    $listener = [System.Net.HttpListener]::new()
    $listener.Prefixes.Add($url)
    $listener.Start()
    $calls = [System.Collections.Concurrent.ConcurrentQueue[string]]::new()
    $serve = {
        param($Listener, $Machines, $Calls)
        while ($Listener.IsListening) {
            try { $context = $Listener.GetContext() } catch { break }
            $body = [IO.StreamReader]::new($context.Request.InputStream).ReadToEnd() | ConvertFrom-Json
            $operation = ($context.Request.Headers['X-Amz-Target'] -split '\.')[1]
            $Calls.Enqueue($operation)
            $status = 200
            $arn = if ($body.stateMachineArn) { $body.stateMachineArn } else { $body.resourceArn }
            $machine = if ($arn) { $Machines[$arn] }
            $answer = switch ($operation) {
                'ListStateMachines' { @{ stateMachines = @($Machines.Keys | ForEach-Object { @{ stateMachineArn = $_; name = $Machines[$_].name; type = 'STANDARD'; creationDate = $Machines[$_].created } }) } }
                'ListTagsForResource' { if ($machine) { @{ tags = @($machine.tags) } } else { $status = 400; @{ __type = 'com.amazonaws.swf.service.v2.model#ResourceNotFound'; message = 'Resource not found' } } }
                'DescribeStateMachine' { @{ stateMachineArn = $arn; name = $machine.name; status = 'ACTIVE'; type = 'STANDARD'; creationDate = $machine.created; definition = '{}'; roleArn = 'arn:aws:iam::123456789012:role/orders' } }
                'ListExecutions' {
                    $listed = @($machine.executions | Where-Object { -not $body.statusFilter -or $_.status -eq $body.statusFilter } | Sort-Object { $_.start } -Descending)
                    if ($body.maxResults) { $listed = @($listed | Select-Object -First $body.maxResults) }
                    @{ executions = @($listed | ForEach-Object { @{ executionArn = ($arn -replace ':stateMachine:', ':execution:') + ':' + $_.name; stateMachineArn = $arn; name = $_.name; status = $_.status; startDate = $_.start } }) }
                }
                default { $status = 400; @{ __type = 'com.amazonaws.swf.service.v2.model#UnknownOperationException'; message = $operation } }
            }
            $bytes = [Text.Encoding]::UTF8.GetBytes(($answer | ConvertTo-Json -Depth 10 -Compress))
            $context.Response.StatusCode = $status
            $context.Response.ContentType = 'application/x-amz-json-1.0'
            $context.Response.OutputStream.Write($bytes, 0, $bytes.Length)
            $context.Response.Close()
        }
    }
    $server = [powershell]::Create()
    $null = $server.AddScript($serve).AddArgument($listener).AddArgument($machines).AddArgument($calls)
    $serving = $server.BeginInvoke()

    $connection = "-EndpointUrl '$url' -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey example"
    $copies = Get-SfnGoToStateMachine -EndpointUrl $url -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey example
}

AfterAll {
    if ($listener) { $listener.Stop(); $listener.Close() }
    if ($server) { $server.Dispose() }
}

Describe 'Get-SfnGoToStateMachine against the loopback' {
    It 'finds the two copies, not the machine only named like one' {
        $copies.StateMachineName | Should -Be @('Orders-goto', 'Billing-goto')
        $copies[0].SourceStateMachineArn | Should -Be "${account}:stateMachine:Orders"
        $copies[0].RunningExecutions | Should -Be 1
        $copies[1].LastStartDate | Should -Be ([DateTime]::new(2025, 4, 1, 7, 45, 0, [DateTimeKind]::Utc))
    }
}

Describe 'GoToCopy table' {
    It 'shows the copy, its status, its running executions, its last start and creation at 80 columns' {
        $lines = @(($copies | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines.Count | Should -Be 4
        $lines[0] | Should -Match '^StateMachineName\s+Status\s+Running\s+LastStart \(UTC\)\s+Created\s*$'
        $lines[2] | Should -Match '^Orders-goto\s+Running\s+1 2025-06-01 08:15 2025-03-02$'
        $lines[3] | Should -Match '^Billing-goto\s+Idle\s+0 2025-04-01 07:45 2025-02-14$'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'adds the source and the definition''s hash at 120 columns' {
        $lines = @(($copies | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match 'Created\s+Source\s+Definition$'
        $lines[2] | Should -Match '2025-03-02 Orders\s+9f2c4e81b7a0$'
    }

    It 'says never for a copy that never ran, and ? for running executions that cannot be counted' {
        $never = New-Object SfnResume.GoToCopy -Property @{ StateMachineName = 'Refunds-goto'; SourceStateMachineArn = "${account}:stateMachine:Refunds"; CreationDate = [DateTime]'2025-01-02'; RunningExecutions = 0; Status = 'Idle' }
        $express = New-Object SfnResume.GoToCopy -Property @{ StateMachineName = 'Events-goto'; SourceStateMachineArn = "${account}:stateMachine:Events"; CreationDate = [DateTime]'2025-01-02'; Type = 'EXPRESS'; Status = 'Unknown' }
        $lines = @((@($never, $express) | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[2] | Should -Match '^Refunds-goto\s+Idle\s+0 never\s+2025-01-02$'
        $lines[3] | Should -Match '^Events-goto\s+Unknown\s+\?\s+2025-01-02$'
    }
}

Describe 'GoToCopy in incident reports' {
    It 'exports one text cell a property to CSV, and dates as dates to JSON' {
        $file = Join-Path $TestDrive 'copies.csv'
        $copies | Export-Csv -LiteralPath $file
        (Get-Content -Raw -LiteralPath $file) | Should -Not -Match 'System\.|SfnResume\.'
        $rows = Import-Csv -LiteralPath $file
        $rows[0].StateMachineArn | Should -Be "${account}:stateMachine:Orders-goto"
        $rows[0].RunningExecutions | Should -Be '1'
        $rows[0].Status | Should -Be 'Running'
        $back = $copies | ConvertTo-Json | ConvertFrom-Json
        $back[1].LastStartDate.ToUniversalTime() | Should -Be ([DateTime]::new(2025, 4, 1, 7, 45, 0, [DateTimeKind]::Utc))
        $back[1].DefinitionSha256 | Should -Be '9f2c4e81b7a05d3366e1f0c2aa4b9d7e5c3f1a2b7'
    }
}

Describe 'A clean-up tried with -WhatIf in a fresh pwsh' {
    BeforeAll {
        # Plain text, as in a log: the table's header is coloured in a terminal.
        $script = @"
`$PSStyle.OutputRendering = 'PlainText'
Import-Module '$StagedManifest'
Get-SfnGoToStateMachine $connection
Get-SfnGoToStateMachine $connection | Remove-SfnGoToStateMachine -WhatIf $connection -ErrorVariable kept -ErrorAction SilentlyContinue
`$kept | ForEach-Object { 'kept ' + `$_.TargetObject + ' ' + `$_.FullyQualifiedErrorId }
"@
        $run = Invoke-FreshPwsh $script
    }

    It 'shows the table at 80 columns as the user sees it' {
        $run.Errors | Should -BeNullOrEmpty
        $run.Output[0] | Should -Match '^StateMachineName\s+Status\s+Running\s+LastStart \(UTC\)\s+Created\s*$'
        $run.Output | Should -Contain 'Orders-goto                        Running        1 2025-06-01 08:15 2025-03-02'
        $run.Output | Should -Contain 'Billing-goto                       Idle           0 2025-04-01 07:45 2025-02-14'
    }

    It 'says what it would delete and which copy it keeps, and deletes nothing' {
        @($run.Output -like 'What if:*').Count | Should -Be 1
        $run.Output | Should -Contain "What if: Performing the operation ""Delete the GoTo copy 'Billing-goto' of 'Billing' (last started 2025-04-01 07:45Z), no execution running"" on target ""${account}:stateMachine:Billing-goto""."
        $run.Output | Should -Contain "kept ${account}:stateMachine:Orders-goto CopyHasRunningExecutions,SfnResume.PowerShell.Commands.RemoveSfnGoToStateMachineCommand"
        $calls.ToArray() | Should -Not -Contain 'DeleteStateMachine'
        $calls.ToArray() | Should -Contain 'ListTagsForResource'
    }
}
