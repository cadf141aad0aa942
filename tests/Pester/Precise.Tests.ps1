# Precise resume from saved files, as an operator runs it at 3 a.m.: the failure point tells what each branch
# did, and the offline copy re-runs only what did not finish, without one AWS call.

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Import-Module $StagedManifest -Force

    $history = Join-Path $Examples 'parallel-failed.history.json'
    $definition = Join-Path $Examples 'parallel.asl.json'
}

Describe 'Get-SfnFailurePoint inside a Parallel' {
    It 'tells each container on the way and what each branch did' {
        $point = Get-SfnFailurePoint -Path $history -DefinitionPath $definition
        $point.Summary | Should -Be "'Parallel 2': branch 2 of 2 failed"
        $point.Containers[0].StateName | Should -Be 'Parallel 2'
        $point.Containers[0].Branches.Outcome | Should -Be @('NotFinished', 'Failed')
        $point.Containers[0].Branches[1].ResumeState | Should -Be 'Parallel Step 2, Process 2'
        $point.FailedStateInput | Should -Not -BeNullOrEmpty
    }
}

Describe 'New-SfnGoToStateMachine from a failure point, offline' {
    It 'writes the precise copy and its resuming input with no AWS call' {
        $copy = Get-SfnFailurePoint -Path $history -DefinitionPath $definition | New-SfnGoToStateMachine -DefinitionPath $definition
        $copy.Precision | Should -Be 'Precise'
        $copy.Created | Should -Be 'Offline'
        $copy.ResumeState | Should -Be 'Parallel 2'
        $copy.InnerResumeState | Should -Be 'Parallel Step 2, Process 2'
        $copy.Rerun | Should -Contain "'Parallel 2': branch 2 from 'Parallel Step 2, Process 2'"
        $resuming = ($copy.Input | ConvertFrom-Json).resuming
        $resuming.replay.branches.Count | Should -Be 2
        $resuming.replay.branches[1].state | Should -Be 'Parallel Step 2, Process 2'
        ($copy.Definition | ConvertFrom-Json).States.'Parallel 2 (replay)'.Type | Should -Be 'Parallel'
    }

    It 'gives the old whole-state resume with -Precision Whole' {
        $copy = Get-SfnFailurePoint -Path $history -DefinitionPath $definition | New-SfnGoToStateMachine -DefinitionPath $definition -Precision Whole -WarningVariable warnings
        $copy.Precision | Should -Be 'WholeState'
        $copy.PrecisionCodes | Should -Be @('WholeAsked')
        $copy.PrecisionNote | Should -Match 'a whole-state resume was asked for'
        $warnings | Should -BeNullOrEmpty
        ($copy.Input | ConvertFrom-Json).resuming.PSObject.Properties.Name | Should -Not -Contain 'replay'
    }

    It 'resumes at a state inside a branch with -StateName and -Input, the other branch as recorded' {
        $copy = Get-SfnFailurePoint -Path $history -DefinitionPath $definition |
            New-SfnGoToStateMachine -DefinitionPath $definition -StateName 'Parallel Step 2, Process 1' -Input @{ fixed = $true }
        $copy.Precision | Should -Be 'Precise'
        $copy.InnerResumeState | Should -Be 'Parallel Step 2, Process 1'
        $branches = ($copy.Input | ConvertFrom-Json).resuming.replay.branches
        $branches[0].state | Should -Be 'Parallel Step 2, Process 1'
        $branches[0].input.fixed | Should -BeTrue
        $branches[1].state | Should -Be 'Parallel Step 2, Process 2'
    }

    It 'resumes at another top-level state with the given input: a Task, so nothing finished repeats' {
        $copy = Get-SfnFailurePoint -Path $history -DefinitionPath $definition |
            New-SfnGoToStateMachine -DefinitionPath $definition -StateName 'Final Processing' -Input @{ fixed = $true } -ErrorAction Stop
        $copy.ResumeState | Should -Be 'Final Processing'
        $copy.Precision | Should -Be 'Precise'
        $copy.PrecisionNote | Should -BeNullOrEmpty
        $resuming = ($copy.Input | ConvertFrom-Json).resuming
        $resuming.state | Should -Be 'Final Processing'
        $resuming.input.fixed | Should -BeTrue
    }

    It 'says why a Parallel named without a failure point re-runs whole, in a warning, the note and the code' {
        $copy = New-SfnGoToStateMachine -DefinitionPath $definition -StateName 'Parallel 2' -WarningVariable warnings -WarningAction SilentlyContinue
        $copy.Precision | Should -Be 'WholeState'
        $copy.PrecisionCodes | Should -Be @('NoFailurePoint')
        $copy.PrecisionNote | Should -Match 'without a failure point'
        # Two warnings, each saying one thing: no input was given, and the Parallel re-runs whole.
        @($warnings.Message) | Should -Contain $copy.PrecisionNote
        @($warnings.Message) | Where-Object { $_ -like "No input was given for 'Parallel 2'*" } | Should -Not -BeNullOrEmpty
    }

    It 'applies -InputPatch to the failed state inside the branch' {
        $copy = Get-SfnFailurePoint -Path $history -DefinitionPath $definition | New-SfnGoToStateMachine -DefinitionPath $definition -InputPatch @{ retried = 1 }
        ($copy.Input | ConvertFrom-Json).resuming.replay.branches[1].input.retried | Should -Be 1
    }

    It 'refuses a nested -StateName with -Precision Whole, naming the top-level state' {
        $errors = $null
        Get-SfnFailurePoint -Path $history -DefinitionPath $definition |
            New-SfnGoToStateMachine -DefinitionPath $definition -StateName 'Parallel Step 2, Process 1' -Input '{}' -Precision Whole -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'NotTopLevelState,SfnResume.PowerShell.Commands.NewSfnGoToStateMachineCommand'
        $errors[0].Exception.Message | Should -Match "'Parallel 2'"
    }
}
