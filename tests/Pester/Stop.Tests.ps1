# Ctrl+C in a real pwsh: SIGINT, as a terminal sends it, ends a command whose request will never be answered,
# and the pipeline stops there. No timing decides it: the endpoint accepts the connection and never answers, so
# a command that ignored Ctrl+C would wait for the SDK's own timeout (100 s), far past the bound. The bound
# (10 s) leaves room for a loaded machine; the proof is that the command ended and what did not run.

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    # A saved history to answer first, so the test knows the pipeline is running.
    $history = Join-Path $Examples 'parallel-failed.history.json'
    # A port on 127.0.0.1 that completes TCP handshakes (the kernel's backlog) but never reads or answers.
    $silent = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $silent.Start(16)
    $port = $silent.LocalEndpoint.Port
}

AfterAll {
    if ($silent) { $silent.Stop() }
}

Describe 'Ctrl+C' {
    It 'ends Get-SfnFailurePoint while a request goes unanswered, and the pipeline does not run on' -Skip:$IsWindows {
        $items = "'$history', 'arn:aws:states:us-east-1:123456789012:execution:Orders:never-answered', '$history'"
        $process = Start-FreshPwsh "Import-Module '$StagedManifest'; $items | Get-SfnFailurePoint -EndpointUrl 'http://127.0.0.1:$port' -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey example | ForEach-Object { 'answer ' + `$_.ResumeState }; 'finished'"
        try {
            $first = $process.StandardOutput.ReadLine()
            $first | Should -Be 'answer Parallel 2'

            # A process tree started in the background without job control ignores SIGINT from the start (the
            # shell sets it so, and the runtime keeps it): no Ctrl+C reaches pwsh there, and there is nothing to test.
            $ignored = (Get-Content "/proc/$($process.Id)/status" -ErrorAction SilentlyContinue | Where-Object { $_ -like 'SigIgn:*' }) -replace '^SigIgn:\s*', ''
            if ($ignored -and (([Convert]::ToUInt64($ignored, 16) -band 2) -ne 0)) {
                Set-ItResult -Skipped -Because "this process tree ignores SIGINT (SigIgn $ignored): started in the background, no Ctrl+C can reach it"
                return
            }

            # Wait until the second item's request has reached the endpoint that will not answer.
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not $silent.Pending() -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $silent.Pending() | Should -BeTrue -Because 'the request for the second item reached the silent endpoint'

            $clock = [Diagnostics.Stopwatch]::StartNew()
            & kill -INT $process.Id
            $rest = $process.StandardOutput.ReadToEnd()
            $ended = $process.WaitForExit(10000)
            $clock.Stop()

            Write-Host "    pwsh ended $([Math]::Round($clock.Elapsed.TotalMilliseconds)) ms after SIGINT"
            $ended | Should -BeTrue -Because 'Ctrl+C must end a command that waits on an unanswered request'
            $rest | Should -Not -Match 'answer|finished' -Because 'the pipeline was stopped, not left to run to its end'
        }
        finally {
            if (-not $process.HasExited) { $process.Kill($true) }
        }
    }
}
