// Evaluates the GoTo Choice of JSONata copies with the reference jsonata package (the version Step Functions
// runs), the way Step Functions evaluates a JSONata Choice: rules in order, $states.input bound to the
// Choice's input, the first rule whose Condition is true wins, then its Output and Assign.
// Standard input: one JSON job per line, {"file", "choice", "inputs": [...]}. Standard output: one JSON line per
// input, {"file", "index", "next", "output", "assign"} (next null when no rule matched: the Default is taken),
// or {"file", "index", "error"}.
import fs from 'fs';
import readline from 'readline';
import jsonata from 'jsonata';

const expression = (text) => (typeof text === 'string' && text.startsWith('{%') && text.endsWith('%}') ? text.slice(2, -2) : null);

async function evaluate(template, bindings) {
  const body = expression(template);
  return body === null ? template : await jsonata(body).evaluate({}, bindings);
}

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const job = JSON.parse(line);
  const choice = JSON.parse(fs.readFileSync(job.file, 'utf8')).States[job.choice];
  for (let index = 0; index < job.inputs.length; index++) {
    const bindings = { states: { input: job.inputs[index], context: {} } };
    let result = { file: job.file, index, next: null };
    try {
      for (const rule of choice.Choices) {
        if ((await evaluate(rule.Condition, bindings)) === true) {
          const assign = {};
          for (const [name, value] of Object.entries(rule.Assign || {})) assign[name] = await evaluate(value, bindings);
          result = { file: job.file, index, next: rule.Next, output: await evaluate(rule.Output, bindings), assign };
          break;
        }
      }
    } catch (e) {
      result = { file: job.file, index, error: String(e && e.message ? e.message : e) };
    }
    process.stdout.write(JSON.stringify(result) + '\n');
  }
}
