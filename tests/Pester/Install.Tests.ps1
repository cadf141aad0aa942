# SfnResume as a user installs it: the package build.ps1 made (out/packages), from a local repository,
# Install-PSResource into a module path of its own, then Import-Module by name in fresh pwsh processes.
# HOME and the XDG folders point into TestDrive, so the user's modules and repositories are never touched.

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $packages = Join-Path $RepositoryRoot 'out/packages'
    $package = Join-Path $packages "SfnResume.$ModuleVersion.nupkg"
    $home_ = Join-Path $TestDrive 'home'
    $isolated = @{
        HOME            = $home_
        XDG_DATA_HOME   = Join-Path $home_ '.local/share'
        XDG_CONFIG_HOME = Join-Path $home_ '.config'
        XDG_CACHE_HOME  = Join-Path $home_ '.cache'
        PSModulePath    = ''
    }
    New-Item -ItemType Directory -Force -Path $isolated.XDG_DATA_HOME, $isolated.XDG_CONFIG_HOME, $isolated.XDG_CACHE_HOME | Out-Null
    $history = Join-Path $Examples 'parallel-failed.history.json'
}

Describe 'The package' {
    It 'was made by build.ps1 -Task Package' {
        Test-Path -LiteralPath $package | Should -BeTrue -Because 'build.ps1 -Task Test packs before it runs Pester'
    }

    It 'holds the module, its LICENSE and the tags PSGallery shows' {
        $zip = [IO.Compression.ZipFile]::OpenRead($package)
        try {
            $names = $zip.Entries.FullName
            $names | Should -Contain 'SfnResume.psd1'
            $names | Should -Contain 'LICENSE'
            $names | Should -Contain 'en-US/SfnResume.PowerShell.dll-Help.xml'
            $nuspec = [IO.StreamReader]::new($zip.GetEntry('SfnResume.nuspec').Open()).ReadToEnd()
        }
        finally { $zip.Dispose() }
        $nuspec | Should -Match '<tags>PSModule .*StepFunctions.* PSCmdlet_Get-SfnFailurePoint '
        $nuspec | Should -Match '<projectUrl>https://'
    }

    It 'is the same bytes when the same commit is packed again' {
        $again = Join-Path $TestDrive 'again'
        $run = Invoke-FreshPwsh "& '$RepositoryRoot/build.ps1' -Task Package -PackageDirectory '$again'"
        $run.ExitCode | Should -Be 0 -Because ($run.Output + $run.Errors -join "`n")
        (Get-FileHash (Join-Path $again "SfnResume.$ModuleVersion.nupkg")).Hash | Should -Be (Get-FileHash $package).Hash
    }
}

Describe 'Installed with Install-PSResource' {
    BeforeAll {
        $install = Invoke-FreshPwsh -Environment $isolated @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name SfnResumeTest -Uri '$packages' -Trusted
Install-PSResource -Name SfnResume -Repository SfnResumeTest -Scope CurrentUser -TrustRepository -Quiet
(Get-InstalledPSResource -Name SfnResume).InstalledLocation
"@
        $installedBase = Join-Path $install.Output[-1] "SfnResume/$ModuleVersion"
    }

    It 'installs into the module path of the (isolated) user' {
        $install.ExitCode | Should -Be 0 -Because $install.Errors
        $installedBase | Should -BeLike "$home_*"
        Test-Path -LiteralPath (Join-Path $installedBase 'SfnResume.psd1') | Should -BeTrue
        Test-Path -LiteralPath (Join-Path $installedBase 'LICENSE') | Should -BeTrue
    }

    It 'imports by name in a fresh pwsh and analyses a saved history' {
        $run = Invoke-FreshPwsh -Environment $isolated @"
Import-Module SfnResume -ErrorAction Stop
(Get-Module SfnResume).ModuleBase
(Get-SfnFailurePoint -Path '$history').ResumeState
(Get-Help Get-SfnFailurePoint).Synopsis
"@
        $run.ExitCode | Should -Be 0 -Because $run.Errors
        $run.Output[0] | Should -Be $installedBase
        $run.Output[1] | Should -Be 'Parallel 2'
        $run.Output[2] | Should -Match 'failed'
    }

    It 'imports in under 0.5 s (median of 5 fresh processes)' {
        $times = foreach ($i in 1..5) {
            $run = Invoke-FreshPwsh -Environment $isolated '[Math]::Round((Measure-Command { Import-Module SfnResume -ErrorAction Stop }).TotalMilliseconds)'
            $run.ExitCode | Should -Be 0 -Because $run.Errors
            [double]$run.Output[-1]
        }
        $median = ($times | Sort-Object)[2]
        Write-Host "    Import-Module SfnResume (installed, fresh pwsh): $($times -join ', ') ms; median $median ms"
        $median | Should -BeLessThan 500
    }
}
