#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 suite for machines with pwsh (or Windows PowerShell 5.1) and Pester: the same promises the
# xunit meta tests check in a hosted engine, here in a real shell. Run with ./build.ps1 -Task Test.

BeforeDiscovery {
    $version = (Import-PowerShellDataFile -Path "$PSScriptRoot/../../SfnResume.psd1").ModuleVersion
    $script:manifest = Resolve-Path "$PSScriptRoot/../../out/SfnResume/$version/SfnResume.psd1"
    Import-Module $script:manifest -Force
    $script:cmdlets = Get-Command -Module SfnResume -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name; Command = $_ } }
}

BeforeAll {
    $version = (Import-PowerShellDataFile -Path "$PSScriptRoot/../../SfnResume.psd1").ModuleVersion
    $manifest = Resolve-Path "$PSScriptRoot/../../out/SfnResume/$version/SfnResume.psd1"
    Import-Module $manifest -Force
}

Describe 'The SfnResume module' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $manifest -ErrorAction Stop } | Should -Not -Throw
    }

    It 'exports every cmdlet its manifest lists' {
        $listed = (Test-ModuleManifest -Path $manifest).ExportedCmdlets.Keys | Sort-Object
        $found = (Get-Command -Module SfnResume -CommandType Cmdlet).Name | Sort-Object
        $found | Should -Be $listed
    }
}

Describe '<Name>' -ForEach $cmdlets {
    It 'declares an output type' {
        $Command.OutputType | Should -Not -BeNullOrEmpty
    }

    It 'has a synopsis and at least one example' {
        $help = Get-Help -Name $Name -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match ([regex]::Escape($Name))
        @($help.examples.example).Count | Should -BeGreaterThan 0
    }

    It 'supports -WhatIf when its verb changes something' -Skip:($Command.Verb -in 'Get', 'Test', 'Find') {
        $Command.Parameters.Keys | Should -Contain 'WhatIf'
        $Command.Parameters.Keys | Should -Contain 'Confirm'
    }
}

Describe 'Save-SfnExecutionHistory' {
    It 'makes no request and writes no file with -WhatIf' {
        $path = Join-Path $TestDrive 'history.json'
        Save-SfnExecutionHistory -ExecutionArn 'arn:aws:states:us-east-1:123456789012:execution:Orders:run-1' -Path $path -WhatIf -EndpointUrl 'http://127.0.0.1:9' -Region us-east-1
        Test-Path $path | Should -BeFalse
    }

    It 'reports an unknown profile with a stable error id' {
        $err = $null
        Save-SfnExecutionHistory 'arn:aws:states:us-east-1:123456789012:execution:Orders:run-1' -Path (Join-Path $TestDrive 'x.json') -AccessKey AKIDEXAMPLE -SecretKey secret -ProfileName 'no-such-profile-sfnresume' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
    }
}

Describe 'Get-SfnFailurePoint' {
    It 'finds where the example history failed, offline' {
        $point = Get-SfnFailurePoint -Path "$PSScriptRoot/../../examples/parallel-failed.history.json" -DefinitionPath "$PSScriptRoot/../../examples/parallel.asl.json"
        $point.FailedState | Should -Be 'Parallel Step 2, Process 2'
        $point.ResumeState | Should -Be 'Parallel 2'
        ($point.ResumeInput | ConvertFrom-Json).output.Count | Should -Be 2
    }

    It 'reads files piped from Get-ChildItem' {
        $point = Get-ChildItem "$PSScriptRoot/../../examples/parallel-failed.history.json" | Get-SfnFailurePoint
        $point.ResumeState | Should -Be 'Parallel 2'
    }

    It 'shows execution, status, resume state and error in its table view at 80 columns' {
        $table = Get-SfnFailurePoint -Path "$PSScriptRoot/../../examples/parallel-failed.history.json" | Out-String -Width 80
        $table | Should -Match 'parallel-failed'
        $table | Should -Match 'FAILED'
        $table | Should -Match 'Parallel 2'
        $table | Should -Match 'Lambda\.Unknown'
    }
}

Describe 'New-SfnGoToStateMachine' {
    It 'writes a GoTo copy of the example definition offline' {
        $copy = New-SfnGoToStateMachine -DefinitionPath "$PSScriptRoot/../../examples/parallel.asl.json" -StateName 'Parallel 2' -Input '{"Message":"hi"}'
        $copy.Created | Should -Be 'Offline'
        ($copy.Definition | ConvertFrom-Json).StartAt | Should -Be 'GoToState'
        ($copy.Input | ConvertFrom-Json).resuming.state | Should -Be 'Parallel 2'
    }

    It 'names the top-level ancestor of a nested state' {
        $err = $null
        New-SfnGoToStateMachine -DefinitionPath "$PSScriptRoot/../../examples/parallel.asl.json" -StateName 'Parallel Step 2, Process 2' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'NotTopLevelState,*'
        $err[0].Exception.Message | Should -Match "'Parallel 2'"
    }
}

Describe 'Invoke-SfnRedrive and Test-SfnRedrive' {
    It 'rejects a value that is not an execution ARN with a stable error id, before any request' {
        $err = $null
        Test-SfnRedrive -ExecutionArn 'not-an-arn' -EndpointUrl 'http://127.0.0.1:9' -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey secret -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidExecutionArn,SfnResume.PowerShell.Commands.TestSfnRedriveCommand'
    }

    It 'skips an Express execution with the reason, offline' {
        $plan = Test-SfnRedrive -ExecutionArn 'arn:aws:states:us-east-1:123456789012:express:Orders:quick:1f2e' -EndpointUrl 'http://127.0.0.1:9' -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey secret
        $plan.Method | Should -Be 'None'
        $plan.ReasonCodes | Should -Contain 'NotStandard'
    }

    It 'shows execution, method, status and reason in its table view' {
        $table = Test-SfnRedrive -ExecutionArn 'arn:aws:states:us-east-1:123456789012:express:Orders:quick:1f2e' -EndpointUrl 'http://127.0.0.1:9' -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey secret | Format-Table | Out-String
        $table | Should -Match 'Method'
        $table | Should -Match 'quick'
        $table | Should -Match 'NotStandard'
    }

    It 'asks for confirmation before every change' {
        (Get-Command Invoke-SfnRedrive).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }
}
