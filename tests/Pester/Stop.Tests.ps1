# Ctrl+C in a real pwsh: SIGINT, as a terminal sends it, ends a run of long offline analyses at once: the
# pipeline stops before its end. The time bound leaves room for a loaded machine; the proof is what did not run.

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $folder = Join-Path $TestDrive 'long'
    New-Item -ItemType Directory -Path $folder | Out-Null
    # 25,000 events: Pass states with payloads, then a Task that fails.
    $events = [Text.StringBuilder]::new()
    [void]$events.Append('{"events":[{"timestamp":1700000000,"type":"ExecutionStarted","id":1,"previousEventId":0,"executionStartedEventDetails":{"input":"{}"}}')
    $previous = 0
    $id = 1
    for ($step = 0; $id -lt 24994; $step++) {
        $payload = '{\"n\":' + $step + ',\"pad\":\"' + ('x' * 60) + '\"}'
        $id++; [void]$events.Append(",{`"timestamp`":1700000000,`"type`":`"PassStateEntered`",`"id`":$id,`"previousEventId`":$previous,`"stateEnteredEventDetails`":{`"name`":`"Step$($step % 500)`",`"input`":`"$payload`"}}")
        $entered = $id
        $id++; [void]$events.Append(",{`"timestamp`":1700000000,`"type`":`"PassStateExited`",`"id`":$id,`"previousEventId`":$entered,`"stateExitedEventDetails`":{`"name`":`"Step$($step % 500)`",`"output`":`"$payload`"}}")
        $previous = $id
    }
    [void]$events.Append(",{`"timestamp`":1700000001,`"type`":`"TaskStateEntered`",`"id`":$($id + 1),`"previousEventId`":$previous,`"stateEnteredEventDetails`":{`"name`":`"Finish`",`"input`":`"{}`"}}")
    [void]$events.Append(",{`"timestamp`":1700000001,`"type`":`"TaskFailed`",`"id`":$($id + 2),`"previousEventId`":$($id + 1),`"taskFailedEventDetails`":{`"error`":`"E`",`"resource`":`"r`",`"resourceType`":`"lambda`"}}")
    [void]$events.Append(",{`"timestamp`":1700000001,`"type`":`"ExecutionFailed`",`"id`":$($id + 3),`"previousEventId`":$($id + 2),`"executionFailedEventDetails`":{`"error`":`"E`"}}]}")
    $text = $events.ToString()
    foreach ($i in 1..16) { [IO.File]::WriteAllText((Join-Path $folder ('run-{0:D2}.json' -f $i)), $text) }
}

Describe 'Ctrl+C' {
    It 'ends Get-SfnFailurePoint over sixteen 25,000-event histories before they are done' -Skip:$IsWindows {
        $process = Start-FreshPwsh "Import-Module '$StagedManifest'; Get-SfnFailurePoint -Path '$folder/*.json' | ForEach-Object { 'answer ' + `$_.ResumeState }; 'finished'"
        try {
            $first = $process.StandardOutput.ReadLine()
            $first | Should -Be 'answer Finish'

            $clock = [Diagnostics.Stopwatch]::StartNew()
            & kill -INT $process.Id
            $rest = $process.StandardOutput.ReadToEnd()
            $process.WaitForExit(10000) | Should -BeTrue
            $clock.Stop()

            Write-Host "    pwsh ended $([Math]::Round($clock.Elapsed.TotalMilliseconds)) ms after SIGINT"
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 5 -Because 'Ctrl+C must not wait for the analyses to run out'
            $rest | Should -Not -Match 'finished' -Because 'the pipeline was stopped, not left to run to its end'
            ([regex]::Matches($rest, 'answer').Count + 1) | Should -BeLessThan 16
        }
        finally {
            if (-not $process.HasExited) { $process.Kill($true) }
        }
    }
}
