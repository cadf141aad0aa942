# Resume-ready definitions as a team's deployment pipeline uses them: convert the definition its IaC keeps,
# commit the file, and fail the step when what is deployed is not current.

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Import-Module $StagedManifest -Force
    # Not in TestDrive, whose files each Describe block removes when it ends.
    $work = Join-Path ([IO.Path]::GetTempPath()) "sfnresume-ready-$([guid]::NewGuid())"
    New-Item -ItemType Directory -Path $work | Out-Null
    $source = Join-Path $work 'orders.asl.json'
    Copy-Item (Join-Path $Examples 'parallel.asl.json') $source
}

AfterAll { Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue }

Describe 'ConvertTo-SfnResumeReadyDefinition' {
    It 'writes the same bytes every time, and ordinary input starts where the original does' {
        ConvertTo-SfnResumeReadyDefinition -Path $source -OutFile (Join-Path $work 'first.json')
        ConvertTo-SfnResumeReadyDefinition -Path $source -OutFile (Join-Path $work 'second.json')

        (Get-FileHash (Join-Path $work 'first.json')).Hash | Should -Be (Get-FileHash (Join-Path $work 'second.json')).Hash
        $ready = Get-Content -Raw (Join-Path $work 'first.json') | ConvertFrom-Json
        $original = Get-Content -Raw $source | ConvertFrom-Json
        $ready.States.($ready.StartAt).Default | Should -Be $original.StartAt
        [IO.File]::ReadAllBytes((Join-Path $work 'first.json'))[0] | Should -Be ([byte][char]'{') -Because 'no byte order mark'
        (Get-Content -Raw $source | ConvertTo-SfnResumeReadyDefinition) | Should -BeExactly (Get-Content -Raw (Join-Path $work 'first.json'))
    }

    It 'refuses a folder as -OutFile, naming it and saying to name a file, and writes nothing' {
        $errors = $null
        ConvertTo-SfnResumeReadyDefinition -Path $source -OutFile $work -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'PathIsFolder,*'
        $errors[0].TargetObject | Should -Be (Resolve-Path $work).ProviderPath
        $errors[0].ErrorDetails.RecommendedAction | Should -Match '-OutFile'
    }

    It 'advises another -OutFile, not -Path, when the file cannot be written' {
        $errors = $null
        $missing = Join-Path $work 'no-such-folder/ready.json'
        ConvertTo-SfnResumeReadyDefinition -Path $source -OutFile $missing -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'FileWriteFailed,*'
        $errors[0].ErrorDetails.RecommendedAction | Should -Match 'choose another -OutFile'
    }

    It 'refuses a definition that is resume-ready already, saying to start from the original' {
        $errors = $null
        ConvertTo-SfnResumeReadyDefinition -Path (Join-Path $work 'first.json') -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidDefinitionFile,*'
        $errors[0].Exception.Message | Should -Match 'from the original'
    }
}

Describe 'Test-SfnResumeReadyDefinition in a pipeline step' {
    It 'passes on the file made from the source' {
        $check = Test-SfnResumeReadyDefinition -DeployedPath (Join-Path $work 'first.json') -SourcePath $source
        $check.Status | Should -Be 'Current'
        $check.Passed | Should -BeTrue
    }

    It 'fails the step (exit code 1) once the source changed and was not converted again, and passes after' {
        $changed = Join-Path $work 'changed.asl.json'
        $definition = Get-Content -Raw $source | ConvertFrom-Json
        $definition | Add-Member -NotePropertyName Comment -NotePropertyValue 'the fix' -Force
        $definition | ConvertTo-Json -Depth 50 | Set-Content $changed
        $step = "`$ErrorActionPreference = 'Stop'; Import-Module '$StagedManifest'; Test-SfnResumeReadyDefinition -DeployedPath '$(Join-Path $work 'first.json')' -SourcePath '$changed' | Out-Null; 'deployed is current'"

        $stale = Invoke-FreshPwsh -Script $step
        $stale.ExitCode | Should -Be 1
        $stale.Errors | Should -Match 'OutOfDate'
        $stale.Output | Should -Not -Contain 'deployed is current'

        ConvertTo-SfnResumeReadyDefinition -Path $changed -OutFile (Join-Path $work 'first.json')
        $fresh = Invoke-FreshPwsh -Script $step
        $fresh.ExitCode | Should -Be 0 -Because $fresh.Errors
        $fresh.Output | Should -Contain 'deployed is current'
    }

    It 'says an ordinary definition is not resume-ready, with the ARN or file as target and what to do' {
        $errors = $null
        $check = Test-SfnResumeReadyDefinition -DeployedPath $source -ErrorVariable errors -ErrorAction SilentlyContinue
        $check.Status | Should -Be 'NotResumeReady'
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ResumeReadyNotResumeReady,*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errors[0].TargetObject | Should -Be $source
        $errors[0].ErrorDetails.RecommendedAction | Should -Match 'ConvertTo-SfnResumeReadyDefinition'
    }
}
