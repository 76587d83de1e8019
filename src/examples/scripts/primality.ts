// Which of 10,000 random integers are prime?  (Nemmen, "Parallel Computing with Python")
// Press Run (Ctrl+Enter). Change "Workers" in the toolbar and run again to compare.
const c = await cluster(); // one engine (Web Worker) per hardware thread
const v = c.view(); // a DirectView: explicit control of every engine

// Deliberately slow, like the tutorial's isprime: try every divisor.
function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let i = 2; i < n; i++) if (n % i === 0) return false;
  return true;
}

const x = Int32Array.from({ length: 10_000 }, () => Math.floor(Math.random() * 100_000));

// Serial, here in the script, for comparison.
let t = performance.now();
const serial = Array.from(x, isPrime);
print(`serial: ${(performance.now() - t).toFixed(0)} ms`);

// Parallel: each engine gets a contiguous part of x, computes, and we gather in order.
t = performance.now();
await v.scatter('x', x);
await v.push({ isPrime });
await v.execute('const y = Array.from(x, isPrime)');
const y: boolean[] = await v.gather('y');
print(`parallel on ${c.size} workers: ${(performance.now() - t).toFixed(0)} ms`);

print(
  'same answer:',
  y.every((p, i) => p === serial[i]),
);
print('primes found:', y.filter(Boolean).length);
