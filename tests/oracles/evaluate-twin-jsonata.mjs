// Follows a JSONata GoTo copy's added states with the reference jsonata package, the way Step Functions runs
// them, from the copy's StartAt into a replay twin, and then into each of the twin's branches or iterations:
// a Choice takes the first rule whose Condition is true (its Output, then its Next) or its Default; a Pass
// applies its Output; a Succeed ends the branch with its input. The twin's Arguments (Parallel) or Items and
// ItemSelector (Map) are evaluated as Step Functions evaluates them.
// Standard input: one JSON job per line, {"file": "<copy>", "input": <resuming input>}. Standard output: one
// JSON line per job, {"twin": "<state>", "branches": [{"index", "next", "input", "assign"}]}, where next is the
// first state that is not an added one (or "(ended)" when a Succeed ended the branch) and assign the variables
// the added states assigned on the way, or {"error"}.
import fs from 'fs';
import readline from 'readline';
import jsonata from 'jsonata';

const expression = (text) => (typeof text === 'string' && text.startsWith('{%') && text.endsWith('%}') ? text.slice(2, -2) : null);

async function evaluate(template, bindings) {
  if (Array.isArray(template)) return Promise.all(template.map((t) => evaluate(t, bindings)));
  if (template && typeof template === 'object') {
    const result = {};
    for (const [key, value] of Object.entries(template)) result[key] = await evaluate(value, bindings);
    return result;
  }
  const body = expression(template);
  return body === null ? template : await jsonata(body).evaluate({}, bindings);
}

const added = (name) => name.startsWith('GoToState');

// Runs added states from `start` until an original state (or a copy of one) is reached or a Succeed ends it.
async function follow(states, start, input, context) {
  let current = start;
  let data = input;
  const assign = {};
  const assignAll = async (block, bindings) => {
    for (const [name, value] of Object.entries(block || {})) assign[name] = await evaluate(value, bindings);
  };
  for (let steps = 0; steps < 100; steps++) {
    const state = states[current];
    if (!added(current) && state.Type !== 'Succeed') return { next: current, input: data, assign };
    const bindings = { states: { input: data, context } };
    if (state.Type === 'Succeed') return { next: '(ended)', input: data, assign };
    if (state.Type === 'Choice') {
      let next = state.Default;
      let output = data;
      for (const rule of state.Choices) {
        if (await evaluate(rule.Condition, bindings) === true) {
          next = rule.Next;
          await assignAll(rule.Assign, bindings);
          if (rule.Output !== undefined) output = await evaluate(rule.Output, bindings);
          break;
        }
      }
      current = next;
      data = output;
    } else if (state.Type === 'Pass') {
      await assignAll(state.Assign, bindings);
      data = state.Output !== undefined ? await evaluate(state.Output, bindings) : data;
      current = state.Next;
    } else {
      return { next: current, input: data, assign };
    }
  }
  throw new Error('the added states loop');
}

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const job = JSON.parse(line);
  const machine = JSON.parse(fs.readFileSync(job.file, 'utf8'));
  let result;
  try {
    const entry = await follow(machine.States, machine.StartAt, job.input, {});
    const twin = machine.States[entry.next];
    const bindings = { states: { input: entry.input, context: {} } };
    const branches = [];
    if (twin.Type === 'Parallel') {
      const input = await evaluate(twin.Arguments, bindings);
      for (let index = 0; index < twin.Branches.length; index++) {
        const branch = twin.Branches[index];
        branches.push({ index, ...(await follow(branch.States, branch.StartAt, input, {})) });
      }
    } else {
      const items = await evaluate(twin.Items, bindings);
      const processor = twin.ItemProcessor;
      for (let index = 0; index < items.length; index++) {
        const context = { Map: { Item: { Index: index, Value: items[index] } } };
        const input = await evaluate(twin.ItemSelector, { states: { input: entry.input, context } });
        branches.push({ index, ...(await follow(processor.States, processor.StartAt, input, context)) });
      }
    }
    result = { twin: entry.next, branches };
  } catch (e) {
    result = { error: String(e && e.message ? e.message : e) };
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}
