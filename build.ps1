#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates SfnResume.
.DESCRIPTION
    One entry point for the whole project. The version comes from SfnResume.psd1; the module is staged
    into out/SfnResume/<version>/ with exactly the files a user installs.
    Tasks:
      Build    dotnet build; stages out/SfnResume/<version>/
      Test     installs the npm test oracles (npm ci), runs the xunit suite (dotnet test) and, when
               Pester 5 is installed, the Pester suite against the staged module
      Package  Build, then a .nupkg in out/packages that Install-PSResource accepts
      Demo     Build, then the offline demo in examples/demo.ps1
      Clean    removes out/ and the build outputs
.EXAMPLE
    ./build.ps1 -Task Build, Test
.EXAMPLE
    ./build.ps1 -Task Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$manifestPath = Join-Path $root 'SfnResume.psd1'
$version = (Import-PowerShellDataFile -Path $manifestPath).ModuleVersion
$stage = Join-Path $root "out/SfnResume/$version"

function Invoke-Native {
    param([string] $FilePath, [string[]] $ArgumentList)
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "$FilePath $($ArgumentList -join ' ') failed with exit code $LASTEXITCODE."
    }
}

function Invoke-Build {
    Invoke-Native dotnet @('build', (Join-Path $root 'src/SfnResume.PowerShell/SfnResume.PowerShell.csproj'), '-c', $Configuration, '--nologo')
    Write-Host "Staged SfnResume $version in $stage"
}

function Invoke-Test {
    $oracles = Join-Path $root 'tests/oracles'
    if (Get-Command npm -ErrorAction SilentlyContinue) {
        Push-Location $oracles
        try { Invoke-Native npm @('ci', '--no-audit', '--no-fund') } finally { Pop-Location }
    }
    else {
        Write-Warning 'npm was not found: the tests that use the npm oracles will fail.'
    }

    Invoke-Native dotnet @('test', (Join-Path $root 'tests/Unit/SfnResume.Tests.csproj'), '-c', $Configuration, '--nologo')

    $pester = Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0' | Sort-Object Version -Descending | Select-Object -First 1
    if ($pester) {
        Import-Module $pester
        $config = New-PesterConfiguration
        $config.Run.Path = Join-Path $root 'tests/Pester'
        $config.Run.Exit = $false
        $config.Run.Throw = $true
        $config.Output.Verbosity = 'Detailed'
        Invoke-Pester -Configuration $config
    }
    else {
        Write-Warning 'Pester 5 is not installed; skipping tests/Pester (Install-PSResource Pester).'
    }
}

function Invoke-Package {
    Invoke-Build
    $packages = Join-Path $root 'out/packages'
    New-Item -ItemType Directory -Force -Path $packages | Out-Null
    $repository = 'SfnResumeBuild'
    if (-not (Get-PSResourceRepository -Name $repository -ErrorAction SilentlyContinue)) {
        Register-PSResourceRepository -Name $repository -Uri $packages -Trusted
    }
    try {
        Publish-PSResource -Path $stage -Repository $repository
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }
    Get-ChildItem -Path $packages -Filter "SfnResume.$version.nupkg"
}

function Invoke-Demo {
    Invoke-Build
    & (Join-Path $root 'examples/demo.ps1') -ModulePath (Join-Path $stage 'SfnResume.psd1')
}

function Invoke-Clean {
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue (Join-Path $root 'out')
    Get-ChildItem -Path $root -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force
}

foreach ($name in $Task) {
    Write-Host "== $name"
    & "Invoke-$name"
}
