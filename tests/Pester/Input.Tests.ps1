# What a user types as -Input and -InputPatch reaches the resuming input exactly: numbers as written, dates as
# ISO 8601 with their offset, text unescaped.

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Import-Module $StagedManifest -Force
    $definition = Join-Path $Examples 'parallel.asl.json'

    function Get-ResumeInput($Value, $Patch) {
        $arguments = @{ DefinitionPath = $definition; StateName = 'Parallel 2'; Input = $Value }
        if ($Patch) { $arguments.InputPatch = $Patch }
        $copy = New-SfnGoToStateMachine @arguments
        # The text inside "input", as the copy will receive it.
        [regex]::Match($copy.Input, '"input":(.*),"variables"').Groups[1].Value
    }
}

Describe 'Numbers' {
    It 'keeps a JSON string''s numbers exactly as written' {
        Get-ResumeInput '{"amount":12345678901234567890.123456789,"tiny":1e-400,"n":1E+300}' | Should -BeExactly '{"amount":12345678901234567890.123456789,"tiny":1e-400,"n":1E+300}'
    }

    It 'writes a hashtable''s doubles, decimals and large integers without overflow' {
        $text = Get-ResumeInput ([ordered]@{ huge = 1e300; money = 19.99d; max = [ulong]::MaxValue; count = 3 })
        $text | Should -BeExactly '{"huge":1E+300,"money":19.99,"max":18446744073709551615,"count":3}'
    }

    It 'refuses NaN with InvalidInput instead of inventing a number' {
        $errors = $null
        New-SfnGoToStateMachine -DefinitionPath $definition -StateName 'Parallel 2' -Input @{ x = [double]::NaN } -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidInput,SfnResume.PowerShell.Commands.NewSfnGoToStateMachineCommand'
    }
}

Describe 'Dates' {
    It 'writes a UTC date with Z and another with its offset' {
        $utc = [datetime]::SpecifyKind([datetime]'2026-11-24T03:00:00', 'Utc')
        $offset = [datetimeoffset]::new(2026, 11, 24, 4, 0, 0, [timespan]::FromHours(1))
        Get-ResumeInput ([ordered]@{ utc = $utc; there = $offset }) | Should -BeExactly '{"utc":"2026-11-24T03:00:00Z","there":"2026-11-24T04:00:00+01:00"}'
    }
}

Describe 'Text' {
    It 'keeps non-ASCII and <>&''+ as they are, and escapes control characters' {
        Get-ResumeInput ([ordered]@{ name = "Zahlung prüfen <Kasse> & 'Bon' + 日本"; bell = "a`ab" }) |
            Should -BeExactly ('{"name":"Zahlung prüfen <Kasse> & ''Bon'' + 日本","bell":"a' + '\u0007' + 'b"}')
    }
}

Describe 'No input' {
    It 'warns offline, as online, that the state starts with {} when no -Input is given' {
        $warnings = $null
        $copy = New-SfnGoToStateMachine -DefinitionPath $definition -StateName 'Parallel 2' -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings | Where-Object { "$_" -like 'No input*' }) | Should -Be @("No input was given for 'Parallel 2'; resuming with {}. Pass -Input to give it the input it needs.")
        $copy.Input | Should -Match '"input":\{\},'

        $warnings = $null
        New-SfnGoToStateMachine -DefinitionPath $definition -StateName 'Parallel 2' -Input '{"order":7}' -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
        @($warnings | Where-Object { "$_" -like 'No input*' }) | Should -BeNullOrEmpty
    }

    It 'warns when a failure point is resumed offline at another state than the one it recorded input for' {
        $point = Get-SfnFailurePoint -Path (Join-Path $Examples 'parallel-failed.history.json')
        $warnings = $null
        $point | New-SfnGoToStateMachine -DefinitionPath $definition -StateName 'Final Processing' -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
        @($warnings | Where-Object { "$_" -like 'No input*' }) | Should -Be @("No input was recorded for 'Final Processing' in this run; resuming with {}. Pass -Input to give it the input it needs.")
    }
}
