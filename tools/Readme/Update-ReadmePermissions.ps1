#Requires -Version 7.2
<#
.SYNOPSIS
    Writes the README's per-command permissions from the permission catalog (src/SfnResume.Core/Permissions).
.DESCRIPTION
    The text between the README's permissions markers is PermissionsReadme.Markdown() of the staged module, the
    same catalog Get-SfnResumePolicy writes policies from. Run it after changing the catalog (build first:
    ./build.ps1 -Task Build); tests/Unit/Permissions fails while the README and the catalog differ.
#>
[CmdletBinding()]
param(
    [string] $ModuleManifest = (Join-Path $PSScriptRoot '../../out/SfnResume/0.1.0/SfnResume.psd1'),
    [string] $Readme = (Join-Path $PSScriptRoot '../../README.md')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
# A first command loads the module's engine, whose types the rest of this script names.
$null = Get-Command Get-SfnResumePolicy
$null = Get-SfnResumePolicy -StateMachineArn 'arn:aws:states:us-east-1:123456789012:stateMachine:Example' -Offline -Use Analysis
$generated = [SfnResume.Permissions.PermissionsReadme]::Markdown()
$text = [IO.File]::ReadAllText($Readme).Replace("`r`n", "`n")
$begin = [SfnResume.Permissions.PermissionsReadme]::Begin
$end = [SfnResume.Permissions.PermissionsReadme]::End
$from = $text.IndexOf($begin, [StringComparison]::Ordinal)
$to = $text.IndexOf($end, [StringComparison]::Ordinal)
if ($from -lt 0 -or $to -lt $from) { throw "$Readme has no permissions section between '$begin' and '$end'." }
$updated = $text.Substring(0, $from) + $generated + $text.Substring($to + $end.Length + 1)
if ($updated -ne $text) {
    [IO.File]::WriteAllText($Readme, $updated)
    Write-Host "Update-ReadmePermissions: rewrote the permissions section of $Readme"
}
