# Shared by every Pester file (dot-sourced in BeforeAll / BeforeDiscovery): where things are, and the
# stepfunctions-local server the online tests talk to.

$script:RepositoryRoot = (Resolve-Path -LiteralPath "$PSScriptRoot/../..").ProviderPath
$script:ModuleVersion = (Import-PowerShellDataFile -Path (Join-Path $RepositoryRoot 'SfnResume.psd1')).ModuleVersion
$script:StagedManifest = Join-Path $RepositoryRoot "out/SfnResume/$ModuleVersion/SfnResume.psd1"
$script:Examples = Join-Path $RepositoryRoot 'examples'
$script:Oracles = Join-Path $RepositoryRoot 'tests/oracles'

# Keys for endpoints on 127.0.0.1 only; nothing here reaches AWS.
$script:Offline = @{ Region = 'us-east-1'; AccessKey = 'AKIDEXAMPLE'; SecretKey = 'example-secret' }

# stepfunctions-local (npm, an independent Step Functions server) on a free port of 127.0.0.1. It ends when
# its standard input closes, so a test run that dies leaves no server behind.
function Start-StepFunctionsLocal {
    $start = [System.Diagnostics.ProcessStartInfo]::new('node')
    $start.ArgumentList.Add((Join-Path $Oracles 'sfn-local.js'))
    $start.ArgumentList.Add('0')
    $start.WorkingDirectory = $Oracles
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait(30000) -or $line.Result -notmatch '^LISTENING (\d+)') {
        $process.Kill()
        throw 'stepfunctions-local did not start within 30 s (is npm ci done in tests/oracles?).'
    }
    [pscustomobject]@{ Process = $process; Url = "http://127.0.0.1:$($Matches[1])/" }
}

function Stop-StepFunctionsLocal {
    param($Server)
    if (-not $Server) { return }
    $Server.Process.StandardInput.Close()
    if (-not $Server.Process.WaitForExit(5000)) { $Server.Process.Kill() }
}

# One Step Functions API call (AWS JSON 1.0), for setting up and checking what the cmdlets did.
function Invoke-SfnApi {
    param([string] $Url, [string] $Operation, [hashtable] $Body = @{})
    $response = Invoke-WebRequest -Uri $Url -Method Post -Body ($Body | ConvertTo-Json -Depth 20 -Compress) `
        -ContentType 'application/x-amz-json-1.0' -Headers @{ 'X-Amz-Target' = "AWSStepFunctions.$Operation" } -SkipHttpErrorCheck
    $answer = if ($response.Content) { [Text.Encoding]::UTF8.GetString($response.RawContentStream.ToArray()) | ConvertFrom-Json } else { $null }
    if ([int]$response.StatusCode -ge 300) { throw "$Operation answered $([int]$response.StatusCode): $($answer | ConvertTo-Json -Compress)" }
    return $answer
}

function Wait-SfnExecutionEnd {
    param([string] $Url, [string] $ExecutionArn)
    $deadline = [DateTime]::UtcNow.AddSeconds(20)
    do {
        $execution = Invoke-SfnApi $Url DescribeExecution @{ executionArn = $ExecutionArn }
        if ($execution.status -ne 'RUNNING') { return $execution }
        Start-Sleep -Milliseconds 100
    } while ([DateTime]::UtcNow -lt $deadline)
    throw "$ExecutionArn still runs after 20 s."
}

# The parameters an example or a README line passes to SfnResume cmdlets that those cmdlets do not have.
function Get-UnknownParameter {
    param([string] $Code)
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$null, [ref]$errors)
    if ($errors) { return @($errors | ForEach-Object { "parse error: $($_.Message)" }) }
    $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object {
        $command = Get-Command -Name $_.GetCommandName() -Module SfnResume -ErrorAction SilentlyContinue
        if (-not $command) { return }
        $known = @($command.Parameters.Values | ForEach-Object { $_.Name; $_.Aliases })
        foreach ($parameter in $_.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
            if ($parameter.ParameterName -notin $known) { "$($command.Name) -$($parameter.ParameterName)" }
        }
    }
}

# Starts a fresh pwsh, the same one running these tests, on a script, with its output redirected and extra
# environment variables. Nothing of this process (loaded modules, variables) carries over.
function Start-FreshPwsh {
    param([string] $Script, [hashtable] $Environment = @{})
    $executable = @('pwsh', 'pwsh.exe') | ForEach-Object { Join-Path $PSHOME $_ } | Where-Object { Test-Path -LiteralPath $_ -PathType Leaf } | Select-Object -First 1
    $start = [System.Diagnostics.ProcessStartInfo]::new($(if ($executable) { $executable } else { 'dotnet' }))
    if (-not $executable) { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', $Script) { $start.ArgumentList.Add($argument) }
    foreach ($name in $Environment.Keys) { $start.Environment[$name] = $Environment[$name] }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    [System.Diagnostics.Process]::Start($start)
}

# Runs a script in a fresh pwsh to its end; returns its exit code and output.
function Invoke-FreshPwsh {
    param([string] $Script, [hashtable] $Environment = @{})
    $process = Start-FreshPwsh -Script $Script -Environment $Environment
    $output = $process.StandardOutput.ReadToEndAsync()
    $errors = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit(300000)) { $process.Kill($true); throw "pwsh did not finish within 5 minutes: $Script" }
    [pscustomobject]@{ ExitCode = $process.ExitCode; Output = @($output.Result -split "`r?`n" | Where-Object { $_ }); Errors = $errors.Result }
}
