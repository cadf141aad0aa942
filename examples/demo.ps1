<#
.SYNOPSIS
    The offline SfnResume demo: no AWS account, no network.
.DESCRIPTION
    Imports the staged module and walks through what it offers, using the saved execution history in this
    folder (a real failed run of the "ParallelStateMachine" sample from 2017: the second Parallel state's
    second branch failed with Lambda.Unknown).
    Run it with `./build.ps1 -Task Demo` in pwsh, or on a machine with only the .NET SDK:
    `dotnet tool restore; dotnet tool run pwsh -File ./build.ps1 -Task Demo`.
#>
param(
    [string] $ModulePath
)

$ErrorActionPreference = 'Stop'
if (-not $ModulePath) {
    $manifest = [IO.File]::ReadAllText([IO.Path]::Combine($PSScriptRoot, '..', 'SfnResume.psd1'))
    $version = [regex]::Match($manifest, "ModuleVersion\s*=\s*'([0-9.]+)'").Groups[1].Value
    $ModulePath = [IO.Path]::Combine($PSScriptRoot, '..', 'out', 'SfnResume', $version, 'SfnResume.psd1')
}

$module = Import-Module $ModulePath -PassThru
"SfnResume $($module.Version), imported from $($module.ModuleBase)"
''
'Cmdlets:'
foreach ($command in Get-Command -Module SfnResume) {
    '  {0,-28} {1}' -f $command.Name, (Get-Help $command.Name).Synopsis
}

''
'Where did the example execution fail, and where should it resume?'
'  Get-SfnFailurePoint -Path examples/parallel-failed.history.json -DefinitionPath examples/parallel.asl.json'
$point = Get-SfnFailurePoint -Path ([IO.Path]::Combine($PSScriptRoot, 'parallel-failed.history.json')) -DefinitionPath ([IO.Path]::Combine($PSScriptRoot, 'parallel.asl.json'))
''
foreach ($name in 'Status', 'FailedState', 'FailedStatePath', 'ResumeState', 'Error', 'EventId', 'FailedAt', 'RetryCount', 'QueryLanguage') {
    '  {0,-16}: {1}' -f $name, $point.$name
}
'  {0,-16}: {1}' -f 'ResumeInput', $point.ResumeInput
''
'ResumeInput is the exact JSON "Parallel 2" was entered with: the output of the first Parallel, which does'
'not have to run again. The GoTo copy of the state machine resumes there:'
'  New-SfnGoToStateMachine -DefinitionPath examples/parallel.asl.json -StateName $point.ResumeState -Input $point.ResumeInput'
$copy = New-SfnGoToStateMachine -DefinitionPath ([IO.Path]::Combine($PSScriptRoot, 'parallel.asl.json')) -StateName $point.ResumeState -Input $point.ResumeInput
$definition = [System.Text.Json.JsonDocument]::Parse($copy.Definition).RootElement
''
'  StateMachineName: {0}' -f $copy.StateMachineName
'  StartAt         : {0} (was Parallel)' -f $definition.GetProperty('StartAt')
'  States added    : {0}' -f ((@($definition.GetProperty('States').EnumerateObject()) | Where-Object { $_.Name -like 'GoToState*' } | ForEach-Object Name) -join ', ')
'  Input           : {0}' -f $copy.Input
''
'On AWS, Get-SfnFailurePoint <arn> | New-SfnGoToStateMachine | Start-SfnGoToExecution creates the copy'
'next to the original (or reuses it) and starts it there.'
