// Feeds a Distributed Map's items through its ItemProcessor under aws-local-stepfunctions (which has no
// S3 and no Map Runs): the named Map state becomes an inline Map over the given items, so its ItemSelector
// ($$.Map.Item.Value, $$.Map.Item.Index, the Map's input) and every child's states run as the interpreter
// runs them, with every Task replaced by a handler that records that it ran and returns its input.
// Standard input: one JSON job per line, {"file": "<definition>", "state": "<Map state>", "input": <the
// Map state's input>, "items": [<what its ItemReader would read>]}. Standard output: one JSON line per job,
// {"ran": [{"state", "input"}], "output": <the Map state's output>} or {"error": "...", "ran": [...]}.
import fs from 'fs';
import readline from 'readline';
import { StateMachine } from 'aws-local-stepfunctions';
import { collectStates } from './stand-ins.mjs';

const ItemsKey = 'sfnresumeOracleItems';

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const job = JSON.parse(line);
  const definition = JSON.parse(fs.readFileSync(job.file, 'utf8'));
  const map = structuredClone(definition.States[job.state]);
  // What only a Map Run has: the reader, batches, result files, the label and the failure tolerance.
  for (const key of ['ItemReader', 'ItemBatcher', 'ResultWriter', 'Label', 'ToleratedFailureCount', 'ToleratedFailurePercentage', 'ToleratedFailureCountPath', 'ToleratedFailurePercentagePath', 'Next', 'Catch', 'Retry', 'MaxConcurrency', 'MaxConcurrencyPath', 'InputPath']) delete map[key];
  map.End = true;
  map.ItemsPath = '$.' + ItemsKey;
  map.ItemProcessor.ProcessorConfig = { Mode: 'INLINE' };
  const machine = { StartAt: job.state, States: { [job.state]: map } };
  // The Map's input with the items beside it; InputPath is applied here, as the state would.
  const input = { ...job.input, [ItemsKey]: job.items };
  const ran = [];
  const taskResourceLocalHandlers = {};
  const waitTimeOverrides = {};
  const retryIntervalOverrides = {};
  collectStates(machine.States, ran, taskResourceLocalHandlers, waitTimeOverrides, retryIntervalOverrides);
  let outcome;
  try {
    const run = new StateMachine(machine, { validationOptions: { checkArn: false, checkPaths: false } }).run(input, { overrides: { taskResourceLocalHandlers, waitTimeOverrides, retryIntervalOverrides }, noThrowOnAbort: true });
    const output = await run.result;
    outcome = { ran, output };
  } catch (e) {
    outcome = { error: String(e && e.message ? e.message : e), ran };
  }
  process.stdout.write(JSON.stringify(outcome) + '\n');
}
