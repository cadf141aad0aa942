# The module as a whole: its manifest, its exports, and the promises every cmdlet keeps.

BeforeDiscovery {
    . "$PSScriptRoot/Common.ps1"
    Import-Module $StagedManifest -Force
    $cmdlets = @(Get-Command -Module SfnResume -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
    $changing = @($cmdlets | Where-Object { (Get-Command $_.Name).Verb -notin 'Get', 'Test', 'Find' })
}

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Import-Module $StagedManifest -Force
}

Describe 'The SfnResume module' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $StagedManifest -ErrorAction Stop } | Should -Not -Throw
    }

    It 'exports every cmdlet its manifest lists, and nothing else' {
        $listed = (Test-ModuleManifest -Path $StagedManifest).ExportedCmdlets.Keys | Sort-Object
        $found = (Get-Command -Module SfnResume).Name | Sort-Object
        $found | Should -Be $listed
    }

    It 'shows on PSGallery where it lives, its licence, tags and release notes' {
        $data = (Import-PowerShellDataFile $StagedManifest).PrivateData.PSData
        $data.ProjectUri | Should -Match '^https://'
        $data.LicenseUri | Should -Match '^https://'
        $data.Tags | Should -Contain 'StepFunctions'
        $data.ReleaseNotes | Should -Not -BeNullOrEmpty
    }
}

Describe '<Name>' -ForEach $cmdlets {
    It 'declares an output type' {
        (Get-Command $Name).OutputType | Should -Not -BeNullOrEmpty
    }
}

Describe '<Name> changes something, so' -ForEach $changing {
    It 'supports -WhatIf and -Confirm' {
        (Get-Command $Name).Parameters.Keys | Should -Contain 'WhatIf'
        (Get-Command $Name).Parameters.Keys | Should -Contain 'Confirm'
    }
}

Describe 'Argument completers' {
    It 'complete -<Parameter> of <Name>' -ForEach @(
        @{ Name = 'New-SfnGoToStateMachine'; Parameter = 'StateName' }
        @{ Name = 'New-SfnGoToStateMachine'; Parameter = 'StateMachineArn' }
        @{ Name = 'Start-SfnGoToExecution'; Parameter = 'StateMachineArn' }
        @{ Name = 'Get-SfnFailurePoint'; Parameter = 'ExecutionArn' }
        @{ Name = 'Save-SfnExecutionHistory'; Parameter = 'ExecutionArn' }
        @{ Name = 'Invoke-SfnRedrive'; Parameter = 'ExecutionArn' }
        @{ Name = 'Test-SfnRedrive'; Parameter = 'ExecutionArn' }
        @{ Name = 'Get-SfnFailurePoint'; Parameter = 'Region' }
        @{ Name = 'Invoke-SfnRedrive'; Parameter = 'ProfileName' }
        @{ Name = 'Get-SfnGoToStateMachine'; Parameter = 'SourceStateMachineArn' }
        @{ Name = 'Remove-SfnGoToStateMachine'; Parameter = 'StateMachineArn' }
        @{ Name = 'Get-SfnResumePolicy'; Parameter = 'StateMachineArn' }
    ) {
        (Get-Command $Name).Parameters[$Parameter].Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] } | Should -Not -BeNullOrEmpty
    }
}

Describe 'Save-SfnExecutionHistory' {
    It 'makes no request and writes no file with -WhatIf' {
        $path = Join-Path $TestDrive 'history.json'
        Save-SfnExecutionHistory -ExecutionArn 'arn:aws:states:us-east-1:123456789012:execution:Orders:run-1' -Path $path -WhatIf -EndpointUrl 'http://127.0.0.1:9' @Offline
        Test-Path $path | Should -BeFalse
    }
}

Describe 'Invoke-SfnRedrive' {
    It 'asks for confirmation before every change' {
        (Get-Command Invoke-SfnRedrive).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }
}

Describe 'Remove-SfnGoToStateMachine' {
    It 'asks for confirmation before every deletion' {
        (Get-Command Remove-SfnGoToStateMachine).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }
}
