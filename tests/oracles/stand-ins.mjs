// What the oracle scripts put in place of the outside world when aws-local-stepfunctions runs a definition:
// every Task (at any depth) a local handler that records that it ran and returns its input, every Wait and
// retry interval 0 ms.

export function collectStates(states, ran, tasks, waits, retries) {
  for (const [name, state] of Object.entries(states || {})) {
    if (state.Type === 'Task') tasks[name] = (input) => { ran.push({ state: name, input }); return input; };
    if (state.Type === 'Wait') waits[name] = 0;
    if (state.Retry) retries[name] = 0;
    for (const branch of state.Branches || []) collectStates(branch.States, ran, tasks, waits, retries);
    const processor = state.ItemProcessor || state.Iterator;
    if (processor) collectStates(processor.States, ran, tasks, waits, retries);
  }
}
