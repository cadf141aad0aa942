# Every error path a user can hit offline, by the FullyQualifiedErrorId a runbook would match on, with the
# path or ARN as the target and the pipeline going on where one item failed.

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Import-Module $StagedManifest -Force

    $history = Join-Path $Examples 'parallel-failed.history.json'
    $definition = Join-Path $Examples 'parallel.asl.json'
}

Describe 'Get-SfnFailurePoint' {
    It 'reports a missing file as PathNotFound with the path as target' {
        $missing = Join-Path $TestDrive 'nope.json'
        $errors = $null
        Get-SfnFailurePoint -Path $missing -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,SfnResume.PowerShell.Commands.GetSfnFailurePointCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be $missing
    }

    It 'reports a file that is no history as InvalidHistoryFile and reads the next file' {
        $bad = Join-Path $TestDrive 'bad.json'
        Set-Content -LiteralPath $bad -Value '{"executions": []}'
        $errors = $null
        $points = Get-SfnFailurePoint -LiteralPath $bad, $history -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidHistoryFile,SfnResume.PowerShell.Commands.GetSfnFailurePointCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errors[0].TargetObject | Should -Be $bad
        @($points).Count | Should -Be 1
        $points.ResumeState | Should -Be 'Parallel 2'
    }

    It 'reports a history that did not fail as ExecutionNotFailed' {
        $succeeded = Join-Path $TestDrive 'succeeded.json'
        Set-Content -LiteralPath $succeeded -Value '{"events":[{"id":1,"previousEventId":0,"timestamp":1700000000,"type":"ExecutionStarted","executionStartedEventDetails":{"input":"{}"}},{"id":2,"previousEventId":1,"timestamp":1700000001,"type":"ExecutionSucceeded","executionSucceededEventDetails":{"output":"{}"}}]}'
        $errors = $null
        Get-SfnFailurePoint -LiteralPath $succeeded -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'ExecutionNotFailed,SfnResume.PowerShell.Commands.GetSfnFailurePointCommand'
    }

    It 'reports an endpoint that does not answer as EndpointUnreachable' {
        $errors = $null
        Get-SfnFailurePoint 'arn:aws:states:us-east-1:123456789012:execution:Orders:run-1' -EndpointUrl 'http://127.0.0.1:9' @Offline -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'EndpointUnreachable,SfnResume.PowerShell.Commands.GetSfnFailurePointCommand'
        $errors[0].TargetObject | Should -Be 'arn:aws:states:us-east-1:123456789012:execution:Orders:run-1'
    }
}

Describe 'New-SfnGoToStateMachine offline' {
    It 'names the top-level ancestor of a nested state (NotTopLevelState)' {
        $errors = $null
        New-SfnGoToStateMachine -DefinitionPath $definition -StateName 'Parallel Step 2, Process 2' -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'NotTopLevelState,SfnResume.PowerShell.Commands.NewSfnGoToStateMachineCommand'
        $errors[0].Exception.Message | Should -Match "'Parallel 2'"
    }

    It 'lists the top-level states for a state the definition lacks (UnknownState)' {
        $errors = $null
        New-SfnGoToStateMachine -DefinitionPath $definition -StateName 'Paralel 2' -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'UnknownState,SfnResume.PowerShell.Commands.NewSfnGoToStateMachineCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].Exception.Message | Should -Match "'Parallel 2'"
    }

    It 'rejects an input that is not JSON (InvalidInput)' {
        $errors = $null
        New-SfnGoToStateMachine -DefinitionPath $definition -StateName 'Parallel 2' -Input '{not json' -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidInput,SfnResume.PowerShell.Commands.NewSfnGoToStateMachineCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}

Describe 'Invoke-SfnRedrive and Test-SfnRedrive' {
    It 'reject a value that is not an execution ARN before any request (InvalidExecutionArn)' {
        foreach ($name in 'Test-SfnRedrive', 'Invoke-SfnRedrive') {
            $errors = $null
            $confirm = if ($name -eq 'Invoke-SfnRedrive') { @{ Force = $true } } else { @{} }
            & $name -ExecutionArn 'not-an-arn' -EndpointUrl 'http://127.0.0.1:9' @Offline @confirm -ErrorVariable errors -ErrorAction SilentlyContinue
            $errors[0].FullyQualifiedErrorId | Should -Be "InvalidExecutionArn,SfnResume.PowerShell.Commands.$($name -replace '-', '')Command"
            $errors[0].TargetObject | Should -Be 'not-an-arn'
        }
    }
}

Describe 'Credentials' {
    It 'reports an unknown profile as ProfileNotFound' {
        $errors = $null
        Save-SfnExecutionHistory 'arn:aws:states:us-east-1:123456789012:execution:Orders:run-1' -Path (Join-Path $TestDrive 'x.json') -ProfileName 'no-such-profile-sfnresume' -ProfileLocation (Join-Path $TestDrive 'none') -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
    }

    It 'says in one line that no credentials were found, where it looked and how to give them, once per item and before any request' {
        # A machine with nothing configured: no keys in the environment, no shared files, no instance metadata.
        $none = Join-Path $TestDrive 'no-aws'
        $environment = @{
            HOME = $none; USERPROFILE = $none; AWS_SHARED_CREDENTIALS_FILE = (Join-Path $none 'credentials'); AWS_CONFIG_FILE = (Join-Path $none 'config')
            AWS_ACCESS_KEY_ID = ''; AWS_SECRET_ACCESS_KEY = ''; AWS_SESSION_TOKEN = ''; AWS_PROFILE = ''; AWS_WEB_IDENTITY_TOKEN_FILE = ''
            AWS_CONTAINER_CREDENTIALS_RELATIVE_URI = ''; AWS_CONTAINER_CREDENTIALS_FULL_URI = ''; AWS_EC2_METADATA_DISABLED = 'true'
        }
        $script = @"
Import-Module '$($StagedManifest -replace "'", "''")'
`$arns = 'arn:aws:states:eu-west-1:123456789012:execution:Orders:run-1', 'arn:aws:states:eu-west-1:123456789012:execution:Orders:run-2'
`$arns | Get-SfnFailurePoint -EndpointUrl 'http://127.0.0.1:9' -ErrorVariable failed -ErrorAction SilentlyContinue
foreach (`$e in `$failed) { [pscustomobject]@{ Id = `$e.FullyQualifiedErrorId; Category = [string]`$e.CategoryInfo.Category; Target = `$e.TargetObject; Message = `$e.ToString(); Action = `$e.ErrorDetails.RecommendedAction } | ConvertTo-Json -Compress }
"@
        $run = Invoke-FreshPwsh -Script $script -Environment $environment

        $errors = @($run.Output | ForEach-Object { $_ | ConvertFrom-Json })
        $errors.Count | Should -Be 2 -Because ($run.Output + $run.Errors -join "`n")
        foreach ($error in $errors) {
            $error.Id | Should -Be 'NoCredentials,SfnResume.PowerShell.Commands.GetSfnFailurePointCommand'
            $error.Category | Should -Be 'AuthenticationError'
            $error.Message | Should -Match '^No AWS credentials were found\. SfnResume looked at -Credential'
            $error.Message | Should -Not -Match 'Exception 1 of|webIdentityTokenFile' -Because 'the SDK''s list of every provider''s complaint is no help'
            $error.Message.Split("`n").Count | Should -Be 1
            $error.Action | Should -Match 'Set-AWSCredential'
        }
        $errors.Target | Should -Be @('arn:aws:states:eu-west-1:123456789012:execution:Orders:run-1', 'arn:aws:states:eu-west-1:123456789012:execution:Orders:run-2')
    }
}

Describe 'Endpoints' {
    It 'says in -Verbose that an endpoint from AWS_ENDPOINT_URL_SFN is not AWS' {
        $script = @"
Import-Module '$($StagedManifest -replace "'", "''")'
Get-SfnFailurePoint 'arn:aws:states:eu-west-1:123456789012:execution:Orders:run-1' -AccessKey AKIDEXAMPLE -SecretKey example -Verbose -ErrorAction SilentlyContinue 4>&1 |
    Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
"@
        $run = Invoke-FreshPwsh -Script $script -Environment @{ AWS_ENDPOINT_URL_SFN = 'http://127.0.0.1:9' }
        ($run.Output -join "`n") | Should -Match 'endpoint http://127\.0\.0\.1:9/ from AWS_ENDPOINT_URL_SFN, which is not AWS'
    }
}

Describe 'Regions' {
    It 'calls the region the ARN names when no -Region is given' {
        $verbose = Get-SfnFailurePoint 'arn:aws:states:eu-west-1:123456789012:execution:Orders:run-1' -EndpointUrl 'http://127.0.0.1:9' -AccessKey AKIDEXAMPLE -SecretKey example -Verbose -ErrorAction SilentlyContinue 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 'Step Functions in eu-west-1 \(region from the ARN\)'
    }

    It 'refuses a -Region that contradicts the ARN before any request (RegionMismatch)' {
        $errors = $null
        $arn = 'arn:aws:states:eu-west-1:123456789012:execution:Orders:run-1'
        Get-SfnFailurePoint $arn -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey example -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'RegionMismatch,SfnResume.PowerShell.Commands.GetSfnFailurePointCommand'
        $errors[0].TargetObject | Should -Be $arn
        "$($errors[0])" | Should -Match '^-Region us-east-1 contradicts the ARN, which is in eu-west-1'
        $errors[0].ErrorDetails.RecommendedAction | Should -Be 'Leave out -Region (the ARN''s region is used), or pass -Region eu-west-1.'
    }

    It 'refuses a shell default region that contradicts the ARN, naming where it came from' {
        $global:StoredAWSRegion = 'ca-central-1'
        try {
            $errors = $null
            Save-SfnExecutionHistory 'arn:aws:states:eu-west-1:123456789012:execution:Orders:run-1' -Path (Join-Path $TestDrive 'r.json') -AccessKey AKIDEXAMPLE -SecretKey example -ErrorVariable errors -ErrorAction SilentlyContinue
            $errors[0].FullyQualifiedErrorId | Should -Be 'RegionMismatch,SfnResume.PowerShell.Commands.SaveSfnExecutionHistoryCommand'
            "$($errors[0])" | Should -Match 'ca-central-1, from shell default \(Set-DefaultAWSRegion\), contradicts the ARN, which is in eu-west-1'
            $errors[0].ErrorDetails.RecommendedAction | Should -Be 'Pass -Region eu-west-1.'
            Test-Path (Join-Path $TestDrive 'r.json') | Should -BeFalse
        }
        finally { Remove-Variable -Scope Global -Name StoredAWSRegion }
    }
}

Describe 'What a new user meets first' {
    BeforeAll {
        $folder = Join-Path $TestDrive 'histories'
        New-Item -ItemType Directory -Path $folder | Out-Null
    }

    It 'says a mistyped path is not found, without calling AWS' {
        $errors = $null
        Get-SfnFailurePoint ./nope.json -EndpointUrl 'http://127.0.0.1:9' @Offline -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,SfnResume.PowerShell.Commands.GetSfnFailurePointCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be './nope.json'
    }

    It 'says a word that is neither an ARN nor a file is neither' {
        $errors = $null
        Get-SfnFailurePoint run-42 -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidExecutionArn,SfnResume.PowerShell.Commands.GetSfnFailurePointCommand'
        $errors[0].Exception.Message | Should -Match 'neither an execution ARN nor an existing file'
    }

    It 'says a folder is a folder, however it is passed' {
        foreach ($call in { Get-Item $folder | Get-SfnFailurePoint }, { Get-SfnFailurePoint -Path $folder }, { Get-SfnFailurePoint -LiteralPath $folder }) {
            $errors = @(& $call 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $errors.Count | Should -Be 1 -Because "$call"
            $errors[0].FullyQualifiedErrorId | Should -Be 'PathIsFolder,SfnResume.PowerShell.Commands.GetSfnFailurePointCommand' -Because "$call"
            $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errors[0].TargetObject | Should -Be $folder
        }
    }

    It 'says a missing -DefinitionPath is not found (not a write error)' {
        $errors = $null
        New-SfnGoToStateMachine -DefinitionPath ./nope.asl.json -StateName Ship -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,SfnResume.PowerShell.Commands.NewSfnGoToStateMachineCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be './nope.asl.json'
    }

    It 'checks ARNs locally in <Name>' -ForEach @(
        @{ Name = 'Get-SfnFailurePoint'; Id = 'InvalidExecutionArn'; Call = { Get-SfnFailurePoint 'arn:aws:states:bad' -EndpointUrl 'http://127.0.0.1:9' @Offline } }
        @{ Name = 'Save-SfnExecutionHistory'; Id = 'InvalidExecutionArn'; Call = { Save-SfnExecutionHistory 'arn:aws:states:bad' -Path (Join-Path $TestDrive 'x.json') -EndpointUrl 'http://127.0.0.1:9' @Offline } }
        @{ Name = 'New-SfnGoToStateMachine'; Id = 'InvalidStateMachineArn'; Call = { New-SfnGoToStateMachine -StateMachineArn 'arn:aws:states:bad' -StateName Ship -EndpointUrl 'http://127.0.0.1:9' @Offline } }
        @{ Name = 'Start-SfnGoToExecution'; Id = 'InvalidStateMachineArn'; Call = { Start-SfnGoToExecution -StateMachineArn 'Orders-goto' -EndpointUrl 'http://127.0.0.1:9' @Offline } }
    ) {
        $errors = @(& $Call 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        # A request would have failed with EndpointUnreachable: this error comes first, from the value alone.
        $errors[0].FullyQualifiedErrorId | Should -Be "$Id,SfnResume.PowerShell.Commands.$($Name -replace '-', '')Command"
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'shows a failure point as its execution, and refuses an offline one where an ARN is needed' {
        $point = Get-SfnFailurePoint -Path (Join-Path $Examples 'parallel-failed.history.json')
        "$point" | Should -Be 'parallel-failed.history'
        $errors = $null
        $point | Save-SfnExecutionHistory -Path (Join-Path $TestDrive 'y.json') -EndpointUrl 'http://127.0.0.1:9' @Offline -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidExecutionArn,SfnResume.PowerShell.Commands.SaveSfnExecutionHistoryCommand'
    }

    It 'says a definition without states has none' {
        $errors = $null
        New-SfnGoToStateMachine -Definition '{"StartAt":"A","States":{}}' -StateName A -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'UnknownState,SfnResume.PowerShell.Commands.NewSfnGoToStateMachineCommand'
        $errors[0].Exception.Message | Should -Match 'has no states'
    }
}

Describe 'A pattern that matches nothing' {
    # PowerShell's provider answers such a pattern with no paths and no error, so the command printed nothing at
    # all. Like Get-Content, each parameter that takes a path now says so, with the pattern as the target.
    BeforeAll {
        $nothing = Join-Path $Examples '*.histry.json'
        Copy-Item -LiteralPath $definition -Destination (Join-Path $TestDrive 'one.asl.json')
        Copy-Item -LiteralPath $definition -Destination (Join-Path $TestDrive 'two.asl.json')
    }

    It 'is PathNotFound with the pattern as target in <Call>' -ForEach @(
        @{ Call = 'Get-SfnFailurePoint -Path'; Id = 'GetSfnFailurePointCommand'; Run = { Get-SfnFailurePoint -Path $nothing } }
        @{ Call = 'Get-SfnFailurePoint (by position)'; Id = 'GetSfnFailurePointCommand'; Run = { Get-SfnFailurePoint $nothing -EndpointUrl 'http://127.0.0.1:9' @Offline } }
        @{ Call = 'Get-SfnFailurePoint -DefinitionPath'; Id = 'GetSfnFailurePointCommand'; Run = { Get-SfnFailurePoint -Path $history -DefinitionPath $nothing } }
        @{ Call = 'New-SfnGoToStateMachine -DefinitionPath'; Id = 'NewSfnGoToStateMachineCommand'; Run = { New-SfnGoToStateMachine -DefinitionPath $nothing -StateName 'Parallel 2' } }
        @{ Call = 'Save-SfnExecutionHistory -Path'; Id = 'SaveSfnExecutionHistoryCommand'; Run = { Save-SfnExecutionHistory 'arn:aws:states:us-east-1:123456789012:execution:Orders:run-1' -Path $nothing -EndpointUrl 'http://127.0.0.1:9' @Offline } }
    ) {
        $output = @(& $Run 2>&1)
        $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 1 -Because ($output -join "`n")
        ($output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be "PathNotFound,SfnResume.PowerShell.Commands.$Id"
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be $nothing
        "$($errors[0])" | Should -Match ([regex]::Escape("No file matches '$nothing'"))
        $errors[0].ErrorDetails.RecommendedAction | Should -Match 'Get-ChildItem'
        Test-Path -LiteralPath $nothing | Should -BeFalse -Because 'no file is written under a pattern''s name'
    }

    It 'is one error among the answers: the other paths are read' {
        $errors = $null
        $points = @(Get-SfnFailurePoint -Path $nothing, $history -ErrorVariable errors -ErrorAction SilentlyContinue)
        @($errors).Count | Should -Be 1
        $errors[0].TargetObject | Should -Be $nothing
        $points.Count | Should -Be 1
        $points[0].ResumeState | Should -Be 'Parallel 2'
    }

    It 'is read as -Path would read it when given by position' {
        $point = Get-SfnFailurePoint (Join-Path $Examples '*-failed.history.json')
        $point.ResumeState | Should -Be 'Parallel 2'
    }

    It 'names the one definition it matches in -DefinitionPath, and refuses several (AmbiguousPath)' {
        (Get-SfnFailurePoint -Path $history -DefinitionPath (Join-Path $TestDrive 'one.*.json')).QueryLanguage | Should -Be 'JSONPath' -Because 'the analysis had the definition'
        (New-SfnGoToStateMachine -DefinitionPath (Join-Path $TestDrive 'one.*.json') -StateName 'Parallel 2' -WarningAction SilentlyContinue).StateMachineName | Should -Be 'one-goto'
        foreach ($call in { Get-SfnFailurePoint -Path $history -DefinitionPath (Join-Path $TestDrive '*.asl.json') }, { New-SfnGoToStateMachine -DefinitionPath (Join-Path $TestDrive '*.asl.json') -StateName 'Parallel 2' }) {
            $errors = @(& $call 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $errors.Count | Should -Be 1 -Because "$call"
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'AmbiguousPath,*'
            $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            "$($errors[0])" | Should -Match 'matches 2 files and takes one'
        }
    }
}

Describe 'Text that is not JSON' {
    # System.Text.Json counts lines from 0 and columns in bytes, and says "isFinalBlock" for an empty file. The
    # user reads lines and columns as an editor shows them, and a reason in words.
    BeforeAll {
        $brokenOnLine3 = "{`n  ""StartAt"": ""A"",`n  ""States"" {}`n}"
        function Get-ErrorText([scriptblock] $Command) {
            $errors = @(& $Command 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $errors.Count | Should -Be 1
            "$($errors[0])"
        }
    }

    It 'says a history file is empty, and where an invalid one breaks, counting from 1' {
        $empty = Join-Path $TestDrive 'empty.json'
        Set-Content -LiteralPath $empty -Value '' -NoNewline
        $broken = Join-Path $TestDrive 'broken.json'
        Set-Content -LiteralPath $broken -Value $brokenOnLine3 -NoNewline

        Get-ErrorText { Get-SfnFailurePoint -Path $empty } | Should -BeExactly "'$empty': The file is empty."
        Get-ErrorText { Get-SfnFailurePoint -Path $broken } | Should -BeExactly "'$broken': The file is not valid history JSON: line 3, column 12: a ':' is missing after the property name, before '{'."
    }

    It 'says a definition file is empty, and where an invalid one breaks, counting from 1 (<Name>)' -ForEach @(
        @{ Name = 'New-SfnGoToStateMachine'; Call = { param($file) New-SfnGoToStateMachine -DefinitionPath $file -StateName A } }
        @{ Name = 'Get-SfnFailurePoint'; Call = { param($file) Get-SfnFailurePoint -Path $history -DefinitionPath $file } }
    ) {
        $empty = Join-Path $TestDrive 'empty.asl.json'
        Set-Content -LiteralPath $empty -Value "`n" -NoNewline
        $broken = Join-Path $TestDrive 'broken.asl.json'
        Set-Content -LiteralPath $broken -Value $brokenOnLine3 -NoNewline

        Get-ErrorText { & $Call $empty } | Should -BeExactly "'$empty': The definition is empty."
        Get-ErrorText { & $Call $broken } | Should -BeExactly "'$broken': The definition is not valid JSON: line 3, column 12: a ':' is missing after the property name, before '{'."
    }

    It 'says where -Input breaks, counting from 1, and that an empty one is empty' {
        Get-ErrorText { New-SfnGoToStateMachine -DefinitionPath $definition -StateName 'Parallel 2' -Input "{`n  ""order"": 7,`n  x }" -WarningAction SilentlyContinue } |
            Should -BeExactly "-Input is not valid JSON: line 3, column 3: 'x' where a property name in double quotes belongs."
        Get-ErrorText { New-SfnGoToStateMachine -DefinitionPath $definition -StateName 'Parallel 2' -Input ' ' -WarningAction SilentlyContinue } |
            Should -BeExactly '-Input is not valid JSON: the text is empty.'
    }

    It 'says where a corrected ResumeInput breaks' {
        $point = Get-SfnFailurePoint -Path $history
        $point.ResumeInput = '{"order": 7,'
        Get-ErrorText { $point | New-SfnGoToStateMachine -DefinitionPath $definition } |
            Should -Match "^The failure point of 'parallel-failed.history' has a ResumeInput that is not JSON: line 1, column \d+: the text ends where a value should follow\.$"
    }
}

Describe 'A definition and a history given the other way round' {
    BeforeAll {
        function Get-OnlyError([scriptblock] $Command) {
            $errors = @(& $Command 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $errors.Count | Should -Be 1
            $errors[0]
        }
        function Invoke-Advice([string] $Advice, [hashtable] $Placeholders) {
            # The command the recommendation names, after its last ': ', with the user's own files put in.
            $command = ($Advice -split ': ', 2)[1].TrimEnd('.')
            foreach ($name in $Placeholders.Keys) { $command = $command.Replace($name, "'$($Placeholders[$name])'") }
            Invoke-Expression $command
        }
    }

    It 'says a definition given as the history is a definition, and its advice runs' {
        $error1 = Get-OnlyError { Get-SfnFailurePoint -Path $definition }
        $error1.FullyQualifiedErrorId | Should -Be 'InvalidHistoryFile,SfnResume.PowerShell.Commands.GetSfnFailurePointCommand'
        $error1.TargetObject | Should -Be $definition
        "$error1" | Should -BeExactly "'$definition': The file holds a state machine definition (StartAt and States), not an execution's history."
        $advice = $error1.ErrorDetails.RecommendedAction
        $advice | Should -Not -Match 'Save the history again'
        $point = Invoke-Advice ($advice -replace '\. Save-SfnExecutionHistory.*$', '') @{ '<history.json>' = $history }
        $point.ResumeState | Should -Be 'Parallel 2'
        $point.QueryLanguage | Should -Be 'JSONPath' -Because 'the file was used as the definition'
    }

    It 'says a history given as the definition is a history, and its advice runs (<Name>)' -ForEach @(
        @{ Name = 'Get-SfnFailurePoint'; Call = { Get-SfnFailurePoint -Path $history -DefinitionPath $history }; Id = 'GetSfnFailurePointCommand' }
        @{ Name = 'New-SfnGoToStateMachine'; Call = { New-SfnGoToStateMachine -DefinitionPath $history -StateName 'Parallel 2' }; Id = 'NewSfnGoToStateMachineCommand' }
    ) {
        $error1 = Get-OnlyError $Call
        $error1.FullyQualifiedErrorId | Should -Be "InvalidDefinitionFile,SfnResume.PowerShell.Commands.$Id"
        $error1.TargetObject | Should -Be $history
        "$error1" | Should -BeExactly "'$history': The file holds an execution's history (events), not a state machine definition."
        $answer = @(Invoke-Advice $error1.ErrorDetails.RecommendedAction @{ '<definition.asl.json>' = $definition } 3>$null)
        $answer.Count | Should -Be 1
        $answer[0].ResumeState | Should -Be 'Parallel 2'
    }
}

Describe 'Advice that leads somewhere' {
    BeforeAll {
        # In a fresh, non-interactive pwsh: a parameter PowerShell thinks missing fails there with "missing
        # mandatory parameters" instead of prompting, which is what a runbook meets.
        function Get-FreshError([string] $Command) {
            $script = @"
Import-Module '$($StagedManifest -replace "'", "''")'
`$definition = '$($definition -replace "'", "''")'
$Command -EndpointUrl 'http://127.0.0.1:9' -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey example -ErrorVariable failed -ErrorAction SilentlyContinue | Out-Null
foreach (`$e in `$failed) { [pscustomobject]@{ Id = `$e.FullyQualifiedErrorId; Target = `$e.TargetObject; Message = `$e.ToString(); Action = `$e.ErrorDetails.RecommendedAction } | ConvertTo-Json -Compress }
"@
            $run = Invoke-FreshPwsh -Script $script
            $errors = @($run.Output | ForEach-Object { $_ | ConvertFrom-Json })
            $errors.Count | Should -Be 1 -Because ($run.Output + $run.Errors -join "`n")
            $errors[0]
        }
    }

    It 'says an execution ARN given to New-SfnGoToStateMachine is one, and names the way to resume it' {
        $arn = 'arn:aws:states:us-east-1:123456789012:execution:Orders:run-1'
        $error1 = Get-FreshError "New-SfnGoToStateMachine '$arn'"
        $error1.Id | Should -Be 'InvalidStateMachineArn,SfnResume.PowerShell.Commands.NewSfnGoToStateMachineCommand'
        $error1.Target | Should -Be $arn
        $error1.Message | Should -Match "is an execution's ARN, not a state machine's"
        $error1.Action | Should -BeExactly "Resume it from its failure point: Get-SfnFailurePoint '$arn' | New-SfnGoToStateMachine | Start-SfnGoToExecution."
    }

    It 'says what to pass when -StateName is missing for a state machine, before any request' {
        $error1 = Get-FreshError "New-SfnGoToStateMachine -StateMachineArn 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders'"
        $error1.Id | Should -Be 'NoResumeState,SfnResume.PowerShell.Commands.NewSfnGoToStateMachineCommand'
        $error1.Action | Should -Match '^Pass -StateName .*: Get-SfnFailurePoint <execution ARN> \| New-SfnGoToStateMachine\.$'
    }

    It 'lists the states when -StateName is missing offline, and the state it suggests works' {
        $error1 = Get-FreshError 'New-SfnGoToStateMachine -DefinitionPath $definition'
        $error1.Id | Should -Be 'NoResumeState,SfnResume.PowerShell.Commands.NewSfnGoToStateMachineCommand'
        $error1.Target | Should -Be $definition
        $error1.Message | Should -Match "Its top-level states are: 'Parallel', 'Parallel 2', 'Final Processing'\.$"
        $error1.Action | Should -BeExactly "Pass -StateName with one of its top-level states, e.g. -StateName 'Parallel'."
        (New-SfnGoToStateMachine -DefinitionPath $definition -StateName 'Parallel' -WarningAction SilentlyContinue).ResumeState | Should -Be 'Parallel'
    }

    It 'advises a way for a failure point read from a file that Test-SfnRedrive cannot resume, and the offline one runs' {
        $point = Get-SfnFailurePoint -Path $history
        $errors = @($point | Test-SfnRedrive -EndpointUrl 'http://127.0.0.1:9' @Offline 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'FailurePointWithoutExecution,SfnResume.PowerShell.Commands.TestSfnRedriveCommand'
        $advice = $errors[0].ErrorDetails.RecommendedAction
        $advice | Should -Match 'New-SfnGoToStateMachine -StateMachineArn <state machine ARN> \(or -DefinitionPath <definition file> to write the copy offline\)'
        $copy = $point | New-SfnGoToStateMachine -DefinitionPath $definition
        $copy.ResumeState | Should -Be 'Parallel 2'
        $copy.Input | Should -Match '"resuming"'
    }
}

Describe 'A damaged history among good ones' {
    BeforeDiscovery {
        # Each class of damage the mutation fuzzer found, made from the example history: the walk's links, the ids,
        # the timestamps, the JSON itself.
        $damage = @(
            @{ Name = 'a self-link'; Edit = { param($events) ($events | Where-Object id -eq 27).previousEventId = 27 } }
            @{ Name = 'a link pointing forward'; Edit = { param($events) ($events | Where-Object id -eq 24).previousEventId = 26 } }
            @{ Name = 'a repeated id'; Edit = { param($events) $copy = ($events | Where-Object id -eq 24) | ConvertTo-Json -Depth 10 | ConvertFrom-Json; $copy.type = 'TaskStateAborted'; $events.Add($copy) } }
            @{ Name = 'a timestamp that is no date'; Edit = { param($events) $events[4].timestamp = 'abc' } }
            @{ Name = 'a timestamp of 1e20'; Edit = { param($events) $events[4].timestamp = 1e20 } }
            @{ Name = 'a timestamp of -1e12'; Edit = { param($events) $events[4].timestamp = -1e12 } }
            @{ Name = 'a timestamp past the year 9999'; Edit = { param($events) $events[4].timestamp = '10000-01-01T00:00:00Z' } }
            @{ Name = 'a null event'; Edit = { param($events) $events[3] = $null } }
        )
    }

    BeforeAll {
        $good = Join-Path $Examples 'parallel-failed.history.json'
        function New-DamagedHistory([scriptblock] $Edit) {
            $events = [Collections.Generic.List[object]]::new()
            foreach ($e in (Get-Content -Raw $good | ConvertFrom-Json).events) { $events.Add($e) }
            & $Edit $events
            $bad = Join-Path $TestDrive "bad-$([guid]::NewGuid().ToString('N')).json"
            Set-Content -LiteralPath $bad -Value (@{ events = $events } | ConvertTo-Json -Depth 20)
            $bad
        }
    }

    It 'with <Name>: one InvalidHistoryFile error naming the file, then the good file''s answer' -ForEach $damage {
        $bad = New-DamagedHistory $Edit
        $errors = $null
        $points = @(Get-SfnFailurePoint -LiteralPath $bad, $good -ErrorVariable errors -ErrorAction SilentlyContinue)
        @($errors).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidHistoryFile,SfnResume.PowerShell.Commands.GetSfnFailurePointCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errors[0].TargetObject | Should -Be $bad
        $points.Count | Should -Be 1
        $points[0].ResumeState | Should -Be 'Parallel 2'
    }

    It 'with text that is not JSON, or no events: the same' -ForEach @(@{ Text = '[null]' }, @{ Text = '{"events":[null]}' }, @{ Text = '{"events":[{"id":1,' }) {
        $bad = Join-Path $TestDrive "text-$([guid]::NewGuid().ToString('N')).json"
        Set-Content -LiteralPath $bad -Value $Text
        $errors = $null
        $points = @(Get-SfnFailurePoint -LiteralPath $bad, $good -ErrorVariable errors -ErrorAction SilentlyContinue)
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidHistoryFile,SfnResume.PowerShell.Commands.GetSfnFailurePointCommand'
        $points[0].ResumeState | Should -Be 'Parallel 2'
    }

    It 'with ids a billion apart: the same answer, at once' {
        $bad = New-DamagedHistory { param($events) foreach ($e in $events) { $e.id = [long]$e.id * 1000000000; $e.previousEventId = [long]$e.previousEventId * 1000000000 } }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $point = Get-SfnFailurePoint -LiteralPath $bad
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        $point.ResumeState | Should -Be 'Parallel 2'
        $point.FailedState | Should -Be 'Parallel Step 2, Process 2'
    }
}
