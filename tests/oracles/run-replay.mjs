// Runs state machines under aws-local-stepfunctions (an independent ASL interpreter; JSONPath only) with
// every Task replaced by a local handler that records that it ran and returns its input, and every Wait
// and retry interval lasting 0 ms. Standard input: one JSON job per line, {"file": "<definition>", "input": <execution input>,
// "maxStates": <optional: abort once this many states were entered, for definitions that loop>}.
// Standard output: one JSON line per job, {"ran": [{"state", "input"}], "entered": ["<state>", ...],
// "output": <execution output>}, {"capped": true, ...} or {"error": "..."}, in job order.
import fs from 'fs';
import readline from 'readline';
import { StateMachine } from 'aws-local-stepfunctions';
import { collectStates } from './stand-ins.mjs';

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const job = JSON.parse(line);
  const definition = JSON.parse(fs.readFileSync(job.file, 'utf8'));
  const ran = [];
  const entered = [];
  const taskResourceLocalHandlers = {};
  const waitTimeOverrides = {};
  const retryIntervalOverrides = {};
  collectStates(definition.States, ran, taskResourceLocalHandlers, waitTimeOverrides, retryIntervalOverrides);
  let outcome;
  let logs = Promise.resolve();
  try {
    const machine = new StateMachine(definition, { validationOptions: { checkArn: false, checkPaths: false } });
    const execution = machine.run(job.input, { overrides: { taskResourceLocalHandlers, waitTimeOverrides, retryIntervalOverrides }, noThrowOnAbort: true });
    let capped = false;
    logs = (async () => {
      for await (const event of execution.eventLogs) {
        if (event.type === 'StateEntered') entered.push(event.state.name);
        if (job.maxStates && entered.length >= job.maxStates && !capped) {
          capped = true;
          execution.abort();
        }
      }
    })();
    const output = await execution.result;
    await logs;
    outcome = capped ? { capped, ran, entered } : { ran, entered, output };
  } catch (e) {
    // The result settles before the log is read to its end: the states entered on the way to a failure count too.
    await logs.catch(() => {});
    outcome = { error: String(e && e.message ? e.message : e), ran, entered };
  }
  process.stdout.write(JSON.stringify(outcome) + '\n');
}
