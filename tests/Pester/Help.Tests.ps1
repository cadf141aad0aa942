# Help as a user reads it: Get-Help in a real pwsh, compiled from docs/help by the build.

BeforeDiscovery {
    . "$PSScriptRoot/Common.ps1"
    Import-Module $StagedManifest -Force
    $cmdlets = @(Get-Command -Module SfnResume -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
    $parameters = @(Get-Command -Module SfnResume -CommandType Cmdlet | ForEach-Object {
            $command = $_
            $command.Parameters.Values | Where-Object Name -notin ([System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters) |
                ForEach-Object { @{ Name = $command.Name; Parameter = $_.Name } }
        })
}

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Import-Module $StagedManifest -Force

    function Get-NormalisedLine {
        param([string] $Text)
        @($Text -split "`r?`n" | Where-Object { $_.Trim() } | ForEach-Object { ($_ -replace '\s+', ' ').Trim() })
    }
}

Describe 'Get-Help <Name>' -ForEach $cmdlets {
    BeforeAll {
        $command = Get-Command $Name
        $help = Get-Help $Name -Full
    }

    It 'shows the SYNTAX of every parameter set exactly as Get-Command -Syntax does' {
        $expected = Get-NormalisedLine (Get-Command $Name -Syntax | Out-String)
        $shown = Get-NormalisedLine ($help.syntax | Out-String -Width 10000)
        $shown.Count | Should -Be $command.ParameterSets.Count
        $shown | Should -BeExactly $expected
    }

    It 'has a synopsis that is not the syntax, a description and examples' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match ([regex]::Escape($Name))
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterThan 0
    }

    It 'has examples that parse and name only parameters that exist' {
        foreach ($example in $help.examples.example) {
            Get-UnknownParameter $example.code | Should -BeNullOrEmpty -Because $example.title
        }
    }

    It 'links to its markdown source in the repository with -Online' {
        $command.HelpUri | Should -Match "/docs/help/$Name\.md$"
        Test-Path (Join-Path $RepositoryRoot "docs/help/$Name.md") | Should -BeTrue
        ($help.relatedLinks.navigationLink | Where-Object uri -eq $command.HelpUri) | Should -Not -BeNullOrEmpty
    }

    It 'names its output type' {
        @($help.returnValues.returnValue.type.name) | Should -Contain $command.OutputType[0].Type.FullName
    }

    It 'has the SYNTAX of its markdown page in step with the cmdlet' {
        $page = Get-Content -Raw (Join-Path $RepositoryRoot "docs/help/$Name.md")
        foreach ($set in $command.ParameterSets) {
            $page | Should -Match ([regex]::Escape("$Name $set"))
        }
    }
}

Describe '<Name> -<Parameter> in Get-Help' -ForEach $parameters {
    BeforeAll {
        $metadata = @((Get-Command $Name).ParameterSets | ForEach-Object { $_.Parameters | Where-Object Name -eq $Parameter })
        $shown = Get-Help $Name -Parameter $Parameter
    }

    It 'has a description' {
        ($shown.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'shows the position and pipeline input of the cmdlet metadata' {
        # One value when every set agrees; else each value with the parameters that go with it, as '0 (with no other parameter); named (with -FailurePoint)'.
        $bySet = @((Get-Command $Name).ParameterSets | ForEach-Object {
                $set = $_.Name
                $_.Parameters | Where-Object Name -eq $Parameter | ForEach-Object {
                    $how = @(if ($_.ValueFromPipeline) { 'ByValue' }; if ($_.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
                    [pscustomobject]@{
                        Set = $set
                        Position = if ($_.Position -lt 0) { 'named' } else { [string]$_.Position }
                        Pipeline = if ($how) { "True ($($how -join ', '))" } else { 'False' }
                    }
                }
            })
        $command = Get-Command $Name
        foreach ($field in 'Position', 'Pipeline') {
            $values = @($bySet.$field | Select-Object -Unique)
            $text = if ($field -eq 'Position') { $shown.position } else { $shown.pipelineInput }
            if ($values.Count -eq 1) {
                $text | Should -Be $values[0] -Because $field
                continue
            }
            # Sets that differ: each value, with the parameters that go with it rather than a set's name.
            foreach ($value in $values) { $text | Should -Match "(^|; )$([regex]::Escape($value)) \(with [^)]+\)" -Because $field }
            foreach ($set in $command.ParameterSets.Name | Where-Object { -not $command.Parameters.ContainsKey($_) }) {
                $text | Should -Not -Match "\b$([regex]::Escape($set))\b" -Because "'$set' is the name of a parameter set"
            }
        }
    }

    It 'shows required only when every parameter set requires it' {
        $shown.required | Should -Be ([string](@($metadata | Where-Object IsMandatory).Count -eq $metadata.Count)).ToLowerInvariant()
    }

    It 'names no parameter set, which users never see, only parameters they type' {
        $command = Get-Command $Name
        $text = ($shown.description | Out-String)
        $text | Should -Not -Match 'parameter sets?\b'
        foreach ($set in $command.ParameterSets.Name | Where-Object { -not $command.Parameters.ContainsKey($_) }) {
            $text | Should -Not -Match "\b$([regex]::Escape($set))\b" -Because "'$set' is the name of a parameter set"
        }
    }

    It 'lists the aliases the cmdlet accepts' {
        $aliases = @((Get-Command $Name).Parameters[$Parameter].Aliases)
        if ($aliases.Count) { $shown.aliases | Should -Be ($aliases -join ', ') } else { $shown.aliases | Should -Be 'none' }
    }
}

Describe 'about_SfnResume' {
    It 'explains the resume methods, the resuming envelope and credentials' {
        $topic = Get-Help about_SfnResume | Out-String
        $topic | Should -Match 'RedriveExecution'
        $topic | Should -Match '"resuming"'
        $topic | Should -Match 'Set-AWSCredential'
    }
}

# Every example that needs no AWS runs as pasted, from any folder, with the module as installed: it reads the
# files that ship in the module's examples/ folder, never a file the reader does not have.
BeforeDiscovery {
    $offlineExamples = @(Get-Command -Module SfnResume -CommandType Cmdlet | ForEach-Object {
            $name = $_.Name
            @((Get-Help $name -Examples).examples.example) | Where-Object { $_ } | ForEach-Object {
                $code = $_.code
                $needsAws = $code -cmatch 'arn:aws|\$(executionArn|stateMachineArn|point|goto|copy)\b|Get-SFN|Invoke-SfnRedrive|Test-SfnRedrive|Save-SfnExecutionHistory|Start-Sfn|Get-SfnGoToStateMachine|Remove-SfnGoToStateMachine|-StateMachineArn'
                if (-not $needsAws) { @{ Name = $name; Title = $_.title.Trim(' -'); Code = $code } }
            }
        })
}

Describe 'Help example without AWS: <Title>' -ForEach $offlineExamples {
    It 'runs as pasted from an empty folder (<Name>)' {
        $code | Should -Match 'ModuleBase .examples.' -Because 'an offline example reads the files that ship with the module'
        $folder = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory -Path $folder | Out-Null
        Push-Location $folder
        try {
            $errors = $null
            $output = Invoke-Expression $Code -ErrorVariable errors -WarningAction SilentlyContinue
            $errors | Should -BeNullOrEmpty
            ($output -or (Get-ChildItem $folder)) | Should -BeTrue -Because 'the example shows or writes something'
        }
        finally { Pop-Location }
    }
}
