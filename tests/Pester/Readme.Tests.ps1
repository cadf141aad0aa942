# The README as a user copies from it: every example parses and names only parameters that exist, and the
# ones that need no AWS run as written, from the repository root.

BeforeDiscovery {
    . "$PSScriptRoot/Common.ps1"
    $readme = Get-Content -Raw (Join-Path $RepositoryRoot 'README.md')
    $blocks = @([regex]::Matches($readme, '(?s)```powershell\r?\n(.*?)```') | ForEach-Object { @{ Code = $_.Groups[1].Value.Trim() } })
    # The README lines that run offline, with what each must show.
    $offline = @(
        @{ Line = 'Get-SfnFailurePoint -Path ./examples/parallel-failed.history.json -DefinitionPath ./examples/parallel.asl.json'; Shows = 'Parallel 2' }
        @{ Line = 'Get-ChildItem ./examples/*.history.json | Get-SfnFailurePoint'; Shows = 'Lambda.Unknown' }
        @{ Line = "(New-SfnGoToStateMachine -DefinitionPath ./examples/parallel.asl.json -StateName 'Parallel 2').Definition | Set-Content ./parallel-goto.asl.json"; Writes = 'parallel-goto.asl.json' }
    )
}

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Import-Module $StagedManifest -Force
    $readme = Get-Content -Raw (Join-Path $RepositoryRoot 'README.md')
}

Describe 'README example' -ForEach $blocks {
    It 'parses and names only parameters that exist: <Code>' {
        Get-UnknownParameter $Code | Should -BeNullOrEmpty
    }
}

Describe 'README offline example' -ForEach $offline {
    BeforeAll {
        # A scratch copy of the repository's examples, so the lines run as written and write nothing here.
        $work = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory -Path $work | Out-Null
        Copy-Item -Recurse -LiteralPath $Examples -Destination $work
    }

    It 'is still in the README: <Line>' {
        $readme.Contains($Line) | Should -BeTrue
    }

    It 'runs without AWS: <Line>' {
        Push-Location $work
        try {
            $errors = $null
            $output = Invoke-Expression $Line -ErrorVariable errors | Out-String -Width 80
            $errors | Should -BeNullOrEmpty
            if ($Shows) { $output | Should -Match ([regex]::Escape($Shows)) }
            if ($Writes) { (Get-Content -Raw $Writes | ConvertFrom-Json).StartAt | Should -Be 'GoToState' }
        }
        finally { Pop-Location }
    }
}

# The README's sample tables are the module's own views at 80 columns, of objects with the values the samples
# show: a view change that the README does not follow fails here.
Describe 'README sample table' {
    BeforeAll {
        # A first command loads the module's types.
        $null = Get-SfnFailurePoint -Path (Join-Path $Examples 'parallel-failed.history.json')
        $arn = 'arn:aws:states:eu-west-1:123456789012:execution:Orders:'
        $goto = 'arn:aws:states:eu-west-1:123456789012:execution:Orders-goto:'
        function Format-Sample($Objects) {
            $lines = ($Objects | Out-String -Width 80) -split "`r?`n" | ForEach-Object { $_.TrimEnd() } | Where-Object { $_ }
            '```' + "`n" + ($lines -join "`n") + "`n" + '```'
        }
        # The -Wait sample's four executions, with the statuses of the redrives and the GoTo run.
        function New-WaitSample([string] $First, [string] $Second, [string] $CopyRun) {
            New-Object SfnResume.RedriveResult -Property @{ ExecutionArn = "${arn}order-1187"; Method = 'Redrive'; Status = $First; ResumedExecutionArn = "${arn}order-1187" }
            New-Object SfnResume.RedriveResult -Property @{ ExecutionArn = "${arn}order-1188"; Method = 'Redrive'; Status = $Second; ResumedExecutionArn = "${arn}order-1188" }
            New-Object SfnResume.RedriveResult -Property @{ ExecutionArn = "${arn}order-0954"; Method = 'GoTo'; Status = $CopyRun; ResumeState = 'Charge'; ReasonCodes = [string[]] @('ClosedTooLongAgo'); ResumedExecutionArn = "${goto}order-0954-r1-3f9c1a2b" }
            New-Object SfnResume.RedriveResult -Property @{ ExecutionArn = "${arn}order-1190"; Method = 'None'; Status = 'Skipped'; ReasonCodes = [string[]] @('Succeeded') }
        }
    }

    It 'of Get-SfnFailurePoint is what it prints' {
        $points = @(
            New-Object SfnResume.FailurePoint -Property @{ ExecutionArn = "${arn}run-42"; ExecutionName = 'run-42'; Status = 'FAILED'; FailedState = 'Charge card'; ResumeState = 'Checkout'; Error = 'Payments.Declined' }
            New-Object SfnResume.FailurePoint -Property @{ ExecutionArn = "${arn}run-41"; ExecutionName = 'run-41'; Status = 'TIMED_OUT'; FailedState = 'Cooldown'; ResumeState = 'Cooldown'; Error = 'States.Timeout' }
        )
        $readme.Replace("`r`n", "`n") | Should -BeLike ('*' + [WildcardPattern]::Escape((Format-Sample $points)) + '*')
    }

    It 'of Invoke-SfnRedrive -Wait is what it prints as each change is made' {
        $readme.Replace("`r`n", "`n") | Should -BeLike ('*' + [WildcardPattern]::Escape((Format-Sample (New-WaitSample Started Started Started))) + '*')
    }

    It 'of Invoke-SfnRedrive -Wait is what its results read once the runs ended' {
        $readme.Replace("`r`n", "`n") | Should -BeLike ('*' + [WildcardPattern]::Escape((Format-Sample (New-WaitSample SUCCEEDED FAILED SUCCEEDED))) + '*')
    }

    It 'of Get-SfnGoToStateMachine is what it prints' {
        $machine = 'arn:aws:states:eu-west-1:123456789012:stateMachine:'
        $utc = { param($Text) [DateTime]::Parse($Text, [Globalization.CultureInfo]::InvariantCulture, 'AdjustToUniversal, AssumeUniversal') }
        $copies = @(
            New-Object SfnResume.GoToCopy -Property @{ StateMachineName = 'Orders-goto'; SourceStateMachineArn = "${machine}Orders"; Status = 'Running'; RunningExecutions = 1; LastStartDate = (& $utc '2025-06-01 08:15'); CreationDate = (& $utc '2025-03-02 10:00') }
            New-Object SfnResume.GoToCopy -Property @{ StateMachineName = 'Billing-goto'; SourceStateMachineArn = "${machine}Billing"; Status = 'Idle'; RunningExecutions = 0; LastStartDate = (& $utc '2025-04-01 07:45'); CreationDate = (& $utc '2025-02-14 16:30') }
            New-Object SfnResume.GoToCopy -Property @{ StateMachineName = 'Refunds-goto'; SourceStateMachineArn = "${machine}Refunds"; Status = 'Idle'; RunningExecutions = 0; CreationDate = (& $utc '2025-01-02 09:00') }
        )
        $readme.Replace("`r`n", "`n") | Should -BeLike ('*' + [WildcardPattern]::Escape((Format-Sample $copies)) + '*')
    }
}

# The emulator steps as a user follows them: the README's block, against the emulator the tests start (on a
# free port rather than 8083), in a fresh pwsh from the repository root.
Describe 'README steps against a local emulator' {
    BeforeAll {
        $server = Start-StepFunctionsLocal
        $block = [regex]::Match($readme, '(?s)## Try it against a local emulator.*?```powershell\r?\n(.*?)```').Groups[1].Value
        $block = $block.Replace("'http://127.0.0.1:8083'", "'$($server.Url.TrimEnd('/'))'").Replace('./out/SfnResume/0.1.0/SfnResume.psd1', $StagedManifest)
    }
    AfterAll { Stop-StepFunctionsLocal $server }

    It 'creates a failing run, finds where it failed and starts a GoTo copy at that state' {
        $block | Should -Not -BeNullOrEmpty
        Push-Location $RepositoryRoot
        try { $run = Invoke-FreshPwsh -Script ("`$PSStyle.OutputRendering = 'PlainText'`n" + $block + "`n'done'") } finally { Pop-Location }
        $run.ExitCode | Should -Be 0 -Because ($run.Output + $run.Errors -join "`n")
        $run.Errors | Should -BeNullOrEmpty
        $text = $run.Output -join "`n"
        $text | Should -Match 'order-7\s+Charge\s+.*\s+Charge'
        $text | Should -Match 'Name\s+: order-7-r1-[0-9a-f]{8}'
        $text | Should -Match 'Status\s+: RUNNING'
        $run.Output[-1] | Should -Be 'done'
    }
}

Describe 'README status table' {
    It 'lists every command the module exports, so a reader learns of each from the top of the page' {
        $listed = [regex]::Matches($readme, '(?m)^\| `([A-Za-z]+-Sfn[A-Za-z]+)` \|') | ForEach-Object { $_.Groups[1].Value }
        $exported = (Get-Module SfnResume).ExportedCmdlets.Keys
        $exported | Where-Object { $_ -notin $listed } | Should -BeNullOrEmpty
    }
}
