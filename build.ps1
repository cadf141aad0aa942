#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates SfnResume.
.DESCRIPTION
    One entry point for the whole project. The version comes from SfnResume.psd1; the module is staged
    into out/SfnResume/<version>/ with exactly the files a user installs.

    Nothing needs to be installed globally but the .NET SDK and Node.js: PowerShell is pinned in
    .config/dotnet-tools.json and Pester in Directory.Packages.props, both restored from NuGet. On a machine
    without pwsh, run this script as `dotnet tool restore; dotnet tool run pwsh -File ./build.ps1 ...`.

    Tasks:
      Build    dotnet build; stages out/SfnResume/<version>/ (help compiled from docs/help included)
      Test     installs the npm test oracles (npm ci), runs the xunit suite (dotnet test), builds the
               benchmarks (a build failure counts as a failed test; they are run by hand), then the Pester
               suite in a fresh pwsh at 80 columns against the staged module. Results go to
               out/test-results/ (TRX and NUnit XML); the last line is the summary over both runners,
               'N passed, N failed', and the script fails when any test failed.
      Package  Build, then out/packages/SfnResume.<version>.nupkg (or -PackageDirectory), which
               Install-PSResource accepts; the same commit packs to the same bytes
      Demo     Build, then the offline demo (examples/demo.ps1) in a fresh pwsh
      Clean    removes out/ and the bin/ and obj/ folders of this repository's projects, nothing else
.EXAMPLE
    ./build.ps1 -Task Build, Test
.EXAMPLE
    dotnet tool run pwsh -File ./build.ps1 -Task Demo
#>
[CmdletBinding()]
param(
    # Build, Test, Package, Demo or Clean; several run in order. 'Clean,Package' works too, as pwsh -File
    # passes it as one string.
    [ArgumentCompleter({ 'Build', 'Test', 'Package', 'Demo', 'Clean' })]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Where Package writes SfnResume.<version>.nupkg.
    [string] $PackageDirectory = (Join-Path $PSScriptRoot 'out/packages')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Task = @($Task -split ',' | ForEach-Object Trim | Where-Object { $_ })
$unknown = @($Task | Where-Object { $_ -notin 'Build', 'Test', 'Package', 'Demo', 'Clean' })
if ($unknown) { throw "Unknown task '$($unknown -join "', '")': use Build, Test, Package, Demo or Clean." }

$root = $PSScriptRoot
$manifestPath = Join-Path $root 'SfnResume.psd1'
$version = (Import-PowerShellDataFile -Path $manifestPath).ModuleVersion
$stage = Join-Path $root "out/SfnResume/$version"
$testResults = Join-Path $root 'out/test-results'

function Invoke-Native {
    param([string] $FilePath, [string[]] $ArgumentList)
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "$FilePath $($ArgumentList -join ' ') failed with exit code $LASTEXITCODE."
    }
}

# The pwsh running this script, started afresh: an installed pwsh has an executable in $PSHOME; the .NET
# tool (dotnet tool run pwsh) has pwsh.dll there, run by dotnet.
function Get-PwshCommandLine {
    foreach ($name in 'pwsh', 'pwsh.exe') {
        $path = Join-Path $PSHOME $name
        if (Test-Path -LiteralPath $path -PathType Leaf) { return @($path) }
    }
    return @('dotnet', (Join-Path $PSHOME 'pwsh.dll'))
}

function Invoke-FreshPwsh {
    param([string[]] $ArgumentList)
    $commandLine = @(Get-PwshCommandLine)
    $arguments = @($commandLine | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive') + $ArgumentList
    # Piped, so the child's output is redirected: it formats at 80 columns whatever the terminal is.
    & $commandLine[0] @arguments | Out-Host
    return $LASTEXITCODE
}

function Get-PesterManifest {
    $props = [xml](Get-Content -Raw -LiteralPath (Join-Path $root 'Directory.Packages.props'))
    $pesterVersion = @($props.Project.PropertyGroup | ForEach-Object { $_.PSObject.Properties['PesterVersion'] } | Where-Object { $_ })[0].Value
    Invoke-Native dotnet @('restore', (Join-Path $root 'tools/Pester/Pester.csproj'), '--nologo', '--verbosity', 'quiet')
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $path = Join-Path $packages.Trim() "pester/$pesterVersion/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $path)) { throw "Pester $pesterVersion was restored, but $path is missing." }
    return $path
}

function Invoke-Build {
    Invoke-Native dotnet @('build', (Join-Path $root 'src/SfnResume.PowerShell/SfnResume.PowerShell.csproj'), '-c', $Configuration, '--nologo')
    Write-Host "Staged SfnResume $version in $stage"
}

# Counts from a runner's result file: TRX (xunit through dotnet test) or NUnit XML (Pester).
function Get-TestCount {
    param([string] $Path, [ValidateSet('Trx', 'NUnit')] [string] $Format)
    $count = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    if (-not (Test-Path -LiteralPath $Path)) { return $null }
    $xml = [xml](Get-Content -Raw -LiteralPath $Path)
    if ($Format -eq 'Trx') {
        $results = $xml.GetElementsByTagName('UnitTestResult')
        foreach ($result in $results) {
            switch ($result.outcome) {
                'Passed' { $count.Passed++ }
                'NotExecuted' { $count.Skipped++ }
                default { $count.Failed++ }
            }
        }
    }
    else {
        foreach ($case in $xml.GetElementsByTagName('test-case')) {
            if ($case.executed -eq 'False') { $count.Skipped++ }
            elseif ($case.result -eq 'Success') { $count.Passed++ }
            else { $count.Failed++ }
        }
    }
    return [pscustomobject]$count
}

function Invoke-Test {
    $oracles = Join-Path $root 'tests/oracles'
    if (-not (Get-Command npm -ErrorAction SilentlyContinue)) {
        throw 'npm was not found: the tests check the module against npm oracles. Install Node.js (see README).'
    }
    Push-Location $oracles
    try { Invoke-Native npm @('ci', '--no-audit', '--no-fund', '--loglevel=error') } finally { Pop-Location }

    $pester = Get-PesterManifest
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $testResults
    New-Item -ItemType Directory -Force -Path $testResults | Out-Null

    & dotnet test (Join-Path $root 'tests/Unit/SfnResume.Tests.csproj') -c $Configuration --nologo `
        --logger 'trx;LogFileName=xunit.trx' --results-directory $testResults
    $xunitExit = $LASTEXITCODE

    # The benchmarks print figures, not verdicts, and take minutes: they are not run here. But a change that
    # stops them building must not pass.
    & dotnet build (Join-Path $root 'benchmarks/SfnResume.Benchmarks/SfnResume.Benchmarks.csproj') -c Release --nologo --verbosity quiet
    $benchmarksExit = $LASTEXITCODE

    # The install tests install what a user would: the package, made the way Package makes it.
    Invoke-Package

    $nunit = Join-Path $testResults 'pester.xml'
    # The suite runs with the preferences of a new shell (ErrorAction Continue), as users' commands do.
    $pesterScript = @"
Import-Module '$($pester -replace "'", "''")'
`$config = New-PesterConfiguration
`$config.Run.Path = '$((Join-Path $root 'tests/Pester') -replace "'", "''")'
`$config.Run.Exit = `$true
`$config.Output.Verbosity = 'Detailed'
`$config.Output.RenderMode = 'Plaintext'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputFormat = 'NUnitXml'
`$config.TestResult.OutputPath = '$($nunit -replace "'", "''")'
Invoke-Pester -Configuration `$config
"@
    $pesterExit = Invoke-FreshPwsh @('-Command', $pesterScript)

    $xunit = Get-TestCount -Path (Join-Path $testResults 'xunit.trx') -Format Trx
    $pesterCount = Get-TestCount -Path $nunit -Format NUnit
    $total = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($runner in @(@{ Name = 'xunit'; Count = $xunit; Exit = $xunitExit }, @{ Name = 'Pester'; Count = $pesterCount; Exit = $pesterExit })) {
        if ($null -eq $runner.Count) {
            Write-Host "$($runner.Name): no results (exit code $($runner.Exit)): the build or the runner failed before any test ran."
            $total.Failed++
            continue
        }
        Write-Host ('{0}: {1} passed, {2} failed, {3} skipped' -f $runner.Name, $runner.Count.Passed, $runner.Count.Failed, $runner.Count.Skipped)
        $total.Passed += $runner.Count.Passed
        $total.Failed += $runner.Count.Failed
        $total.Skipped += $runner.Count.Skipped
        # A runner that failed without a failed test (a crash after the results were written) still fails.
        if ($runner.Exit -ne 0 -and $runner.Count.Failed -eq 0) { $total.Failed++ }
    }
    if ($benchmarksExit -ne 0) {
        Write-Host "benchmarks: the build failed (exit code $benchmarksExit)."
        $total.Failed++
    }
    Write-Host ('{0} passed, {1} failed, {2} skipped' -f $total.Passed, $total.Failed, $total.Skipped)
    if ($total.Failed -gt 0) { exit 1 }
}

function Invoke-Package {
    Invoke-Build
    # The commit's time on every entry: the same commit packs to the same bytes, and the package says which.
    $stamp = & git -C $root log -1 --format=%cI 2>$null
    $arguments = @{ ModuleFolder = $stage; Destination = $PackageDirectory }
    if ($LASTEXITCODE -eq 0 -and $stamp) { $arguments.Timestamp = [DateTimeOffset]::Parse($stamp) }
    $package = & (Join-Path $root 'tools/Package/Write-ModulePackage.ps1') @arguments
    Write-Host "Packed $($package.FullName) (SHA256 $((Get-FileHash -LiteralPath $package.FullName).Hash))"
}

function Invoke-Demo {
    Invoke-Build
    $exit = Invoke-FreshPwsh @('-File', (Join-Path $root 'examples/demo.ps1'), '-ModulePath', (Join-Path $stage 'SfnResume.psd1'))
    if ($exit -ne 0) { throw "The demo failed with exit code $exit." }
}

# Only what a build makes: out/ and the bin/ and obj/ folders next to this repository's own project files.
# Never a folder under node_modules or anywhere else a tool keeps its own files.
function Invoke-Clean {
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue (Join-Path $root 'out')
    $projects = Get-ChildItem -Path (Join-Path $root 'src'), (Join-Path $root 'tests/Unit'), (Join-Path $root 'tools'), (Join-Path $root 'benchmarks') -Filter *.csproj -Recurse -File |
        Where-Object { $_.FullName -notmatch '[\\/]node_modules[\\/]' }
    foreach ($project in $projects) {
        foreach ($output in 'bin', 'obj') {
            $folder = Join-Path $project.DirectoryName $output
            if (Test-Path -LiteralPath $folder) {
                Remove-Item -LiteralPath $folder -Recurse -Force
                Write-Host "Removed $folder"
            }
        }
    }
}

foreach ($name in $Task) {
    Write-Host "== $name"
    & "Invoke-$name"
}
