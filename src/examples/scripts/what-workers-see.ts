// What the workers can see (Nemmen, 2: "NameError: name 'f' is not defined"; IPython
// lecture, "DirectView: remote imports"). Each worker is a separate machine with its own
// globals: functions travel there as source text and take none of the script's variables.
const c = await cluster();
const v = c.view();
const xs = [1, 2, 3, 4, 5, 6];
const scale = 10;
const double = (x: number) => 2 * x;

/** Prints a refused call's message and its advice. */
function explain(e: unknown): void {
  const error = e as Error & { hint?: string };
  print(`refused: ${error.message}`);
  if (error.hint) print(`  what to do: ${error.hint}`);
}

// 1. A function that uses the script's `scale`: refused before anything is sent, with
//    what to do about it (the seed's engines only failed once the code ran).
try {
  await v.map((x: number) => x * scale, xs);
} catch (e) {
  explain(e);
}

// 2. Fix: send the value first. push defines `scale` on every worker.
await v.push({ scale });
print('after push({ scale }):', await v.map((x: number) => x * scale, xs));

// 3. Helper functions are variables too: push them the same way (like %px import numpy).
try {
  await v.map((x: number) => double(x) + 1, xs);
} catch (e) {
  explain(e);
}
await v.push({ double });
print('after push({ double }):', await v.map((x: number) => double(x) + 1, xs));

// 4. Or pass what the function needs as an argument: apply sends arguments with the call.
print(
  'apply with an argument:',
  await v.apply((k: number) => `worker ${workerId} got ${k}`, scale),
);

// 5. Code run with execute defines globals on the workers; `declare` tells the editor.
declare const offset: number;
await v.execute('const offset = 100');
print('after execute:', await v.map((x: number) => x + offset, xs));
print(
  'what worker 0 has:',
  await c.view(0).apply(() => [typeof scale, typeof double, typeof offset]),
);
