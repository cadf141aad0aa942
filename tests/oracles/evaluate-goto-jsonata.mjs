// Runs the states a GoTo copy added to a JSONata definition with the reference jsonata package (the version
// Step Functions runs), the way Step Functions runs them: a Choice takes the first rule whose Condition is
// true (its Output and Assign, then its Next) or its Default; a Pass applies its Assign and Output. It follows
// the added states from the copy's StartAt until it reaches an original state.
// Standard input: one JSON job per line, {"file", "added": [...], "inputs": [...]}. Standard output: one JSON line
// per input, {"file", "index", "next", "output", "assign"}: the first original state reached, the input it gets
// and the variables assigned on the way; or {"file", "index", "error"}.
import fs from 'fs';
import readline from 'readline';
import jsonata from 'jsonata';

const expression = (text) => (typeof text === 'string' && text.startsWith('{%') && text.endsWith('%}') ? text.slice(2, -2) : null);

async function evaluate(template, bindings) {
  const body = expression(template);
  return body === null ? template : await jsonata(body).evaluate({}, bindings);
}

async function assignAll(block, bindings, assign) {
  for (const [name, value] of Object.entries(block || {})) assign[name] = await evaluate(value, bindings);
}

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const job = JSON.parse(line);
  const machine = JSON.parse(fs.readFileSync(job.file, 'utf8'));
  for (let index = 0; index < job.inputs.length; index++) {
    let result;
    try {
      let current = machine.StartAt;
      let data = job.inputs[index];
      const assign = {};
      for (let steps = 0; job.added.includes(current); steps++) {
        if (steps > job.added.length) throw new Error(`the added states loop at ${current}`);
        const state = machine.States[current];
        const bindings = { states: { input: data, context: {} } };
        if (state.Type === 'Choice') {
          let next = state.Default;
          for (const rule of state.Choices) {
            if ((await evaluate(rule.Condition, bindings)) === true) {
              await assignAll(rule.Assign, bindings, assign);
              if (rule.Output !== undefined) data = await evaluate(rule.Output, bindings);
              next = rule.Next;
              break;
            }
          }
          current = next;
        } else if (state.Type === 'Pass') {
          await assignAll(state.Assign, bindings, assign);
          if (state.Output !== undefined) data = await evaluate(state.Output, bindings);
          current = state.Next;
        } else {
          throw new Error(`an added state of type ${state.Type}`);
        }
      }
      result = { file: job.file, index, next: current, output: data, assign };
    } catch (e) {
      result = { file: job.file, index, error: String(e && e.message ? e.message : e) };
    }
    process.stdout.write(JSON.stringify(result) + '\n');
  }
}
