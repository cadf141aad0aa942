// Runs GoTo copies under aws-local-stepfunctions (an independent ASL interpreter; JSONPath only) and reports
// which original state each execution entered first, and with what input.
// Standard input: one JSON job per line, {"file": "<definition>", "added": ["<state names the copy added>"],
// "inputs": [<execution inputs>]}. Standard output: one JSON line per input,
// {"file", "index", "state", "input"} or {"file", "index", "error"}. Every Task state is replaced by a local
// handler that returns its input and every Wait lasts 0 ms, so nothing leaves this machine; each execution
// is aborted as soon as the first original state is entered.
import fs from 'fs';
import readline from 'readline';
import { StateMachine } from 'aws-local-stepfunctions';

function collectStates(states, tasks, waits) {
  for (const [name, state] of Object.entries(states || {})) {
    if (state.Type === 'Task') tasks[name] = (input) => input;
    if (state.Type === 'Wait') waits[name] = 0;
    for (const branch of state.Branches || []) collectStates(branch.States, tasks, waits);
    const processor = state.ItemProcessor || state.Iterator;
    if (processor) collectStates(processor.States, tasks, waits);
  }
}

async function firstOriginalState(machine, input, added, overrides) {
  const execution = machine.run(input, { overrides, noThrowOnAbort: true });
  execution.result.catch(() => {});
  for await (const event of execution.eventLogs) {
    if (event.type === 'StateEntered' && !added.includes(event.state.name)) {
      execution.abort();
      return { state: event.state.name, input: event.state.input };
    }
    if (event.type === 'ExecutionFailed' || event.type === 'ExecutionSucceeded' || event.type === 'ExecutionAborted') {
      return { error: `${event.type} before any original state: ${event.Error || ''} ${event.Cause || ''}`.trim() };
    }
  }
  return { error: 'no state was entered' };
}

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const job = JSON.parse(line);
  const definition = JSON.parse(fs.readFileSync(job.file, 'utf8'));
  const taskResourceLocalHandlers = {};
  const waitTimeOverrides = {};
  collectStates(definition.States, taskResourceLocalHandlers, waitTimeOverrides);
  let machine;
  try {
    machine = new StateMachine(definition, { validationOptions: { checkArn: false, checkPaths: false } });
  } catch {
    // Its validator rejects some originals (Assign constant lists, JSONata Choice rules...): run unvalidated.
    machine = new StateMachine(definition, { validationOptions: { noValidate: true } });
  }
  for (let index = 0; index < job.inputs.length; index++) {
    let outcome;
    try {
      outcome = await firstOriginalState(machine, job.inputs[index], job.added, { taskResourceLocalHandlers, waitTimeOverrides });
    } catch (e) {
      outcome = { error: String(e && e.message ? e.message : e) };
    }
    process.stdout.write(JSON.stringify({ file: job.file, index, ...outcome }) + '\n');
  }
}
