# The README as a user copies from it: every example parses and names only parameters that exist, and the
# ones that need no AWS run as written, from the repository root.

BeforeDiscovery {
    . "$PSScriptRoot/Common.ps1"
    $readme = Get-Content -Raw (Join-Path $RepositoryRoot 'README.md')
    $blocks = @([regex]::Matches($readme, '(?s)```powershell\r?\n(.*?)```') | ForEach-Object { @{ Code = $_.Groups[1].Value.Trim() } })
    # The README lines that run offline, with what each must show.
    $offline = @(
        @{ Line = 'Get-SfnFailurePoint -Path ./examples/parallel-failed.history.json -DefinitionPath ./examples/parallel.asl.json'; Shows = 'Parallel 2' }
        @{ Line = 'Get-ChildItem ./examples/*.history.json | Get-SfnFailurePoint'; Shows = 'Lambda.Unknown' }
        @{ Line = "(New-SfnGoToStateMachine -DefinitionPath ./examples/parallel.asl.json -StateName 'Parallel 2').Definition | Set-Content ./parallel-goto.asl.json"; Writes = 'parallel-goto.asl.json' }
    )
}

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Import-Module $StagedManifest -Force
    $readme = Get-Content -Raw (Join-Path $RepositoryRoot 'README.md')
}

Describe 'README example' -ForEach $blocks {
    It 'parses and names only parameters that exist: <Code>' {
        Get-UnknownParameter $Code | Should -BeNullOrEmpty
    }
}

Describe 'README offline example' -ForEach $offline {
    BeforeAll {
        # A scratch copy of the repository's examples, so the lines run as written and write nothing here.
        $work = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory -Path $work | Out-Null
        Copy-Item -Recurse -LiteralPath $Examples -Destination $work
    }

    It 'is still in the README: <Line>' {
        $readme.Contains($Line) | Should -BeTrue
    }

    It 'runs without AWS: <Line>' {
        Push-Location $work
        try {
            $errors = $null
            $output = Invoke-Expression $Line -ErrorVariable errors | Out-String -Width 80
            $errors | Should -BeNullOrEmpty
            if ($Shows) { $output | Should -Match ([regex]::Escape($Shows)) }
            if ($Writes) { (Get-Content -Raw $Writes | ConvertFrom-Json).StartAt | Should -Be 'GoToState' }
        }
        finally { Pop-Location }
    }
}
