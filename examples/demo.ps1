<#
.SYNOPSIS
    The offline SfnResume demo: no AWS account, no network.
.DESCRIPTION
    Imports the staged module and walks through what it offers, using the saved execution history in this
    folder (a real failed run of the "ParallelStateMachine" sample from 2017: the second Parallel state's
    second branch failed with Lambda.Unknown).
    Run it with `dotnet run --project tools/SfnResume.Host -- -File examples/demo.ps1` (no pwsh needed)
    or `./build.ps1 -Task Demo` in pwsh.
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
'The saved history in examples/ (what Save-SfnExecutionHistory writes):'
$history = [IO.File]::ReadAllText([IO.Path]::Combine($PSScriptRoot, 'parallel-failed.history.json'))
$events = @([System.Text.Json.JsonDocument]::Parse($history).RootElement.GetProperty('events').EnumerateArray())
'  {0} events, from {1} to {2}' -f $events.Count, $events[0].GetProperty('type'), $events[-1].GetProperty('type')
foreach ($event in $events) {
    $details = $event.EnumerateObject() | Where-Object { $_.Name -like '*EventDetails' }
    $errorMember = if ($details) { $details.Value.EnumerateObject() | Where-Object { $_.Name -eq 'error' } }
    if ($errorMember) {
        '  event {0,2} {1,-24} error {2}' -f $event.GetProperty('id'), $event.GetProperty('type'), $errorMember.Value
    }
}

''
'Next: Save-SfnExecutionHistory <execution ARN> -Path ./history.json saves a real history the same way.'
