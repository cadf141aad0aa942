@{
    # The one source of truth for the module: the build reads ModuleVersion from here and stages
    # this file unchanged into out/SfnResume/<version>/.
    RootModule           = 'SfnResume.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '6c0f7d2e-5b7a-4d8e-9a51-3f2f4e8b1c07'
    Author               = 'SfnResume contributors'
    CompanyName          = 'SfnResume'
    Copyright            = '(c) SfnResume contributors. Apache License 2.0.'
    Description          = 'Resume failed AWS Step Functions executions from the state that failed (or any state you name): native redrive where AWS allows it, a GoTo copy of the state machine everywhere else.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'

    CmdletsToExport      = @(
        'ConvertTo-SfnResumeReadyDefinition'
        'Find-SfnExpressExecution'
        'Get-SfnFailurePoint'
        'Get-SfnGoToStateMachine'
        'Get-SfnResumePolicy'
        'Invoke-SfnRedrive'
        'New-SfnGoToStateMachine'
        'Remove-SfnGoToStateMachine'
        'Save-SfnExecutionHistory'
        'Start-SfnGoToExecution'
        'Test-SfnRedrive'
        'Test-SfnResumeReadyDefinition'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()

    FormatsToProcess     = @('SfnResume.Format.ps1xml')

    PrivateData          = @{
        PSData = @{
            Tags         = @('AWS', 'StepFunctions', 'StepFunction', 'SFN', 'Redrive', 'Resume', 'Workflow', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/sfnresume/sfnresume'
            LicenseUri   = 'https://github.com/sfnresume/sfnresume/blob/main/LICENSE'
            ReleaseNotes = 'First release: Get-SfnFailurePoint, Save-SfnExecutionHistory, New-SfnGoToStateMachine, Start-SfnGoToExecution, Invoke-SfnRedrive with Test-SfnRedrive (native redrive or a GoTo copy, in bulk), and Get-SfnGoToStateMachine with Remove-SfnGoToStateMachine (list and clean up the GoTo copies).'
        }
    }
}
