import { expect, lines, runScript, test } from '../fixtures';
import { expectRecovered, useSharedPage } from './health';

/**
 * Odd and uncloneable values as arguments and results: what structured clone can carry
 * arrives intact (the script prints a check), what it cannot fails with advice.
 */

const page = useSharedPage();

/** Runs `code`, expects it to finish and returns what it printed. */
async function printed(code: string): Promise<string[]> {
  const report = await runScript(page(), code);
  expect(report.error, JSON.stringify(report.error)).toBeUndefined();
  await expect(page().locator('#status')).toHaveText(/^Done/);
  await expectRecovered(page(), code);
  return lines(report);
}

/** Runs `code`, expects it to fail and returns the error box's text. */
async function failed(code: string): Promise<string> {
  const report = await runScript(page(), code);
  expect(report.ok).toBe(false);
  await expect(page().locator('#status')).toHaveText('Failed');
  const shown = await page().locator('#error').innerText();
  await expectRecovered(page(), code);
  return shown;
}

const CLUSTER = 'const c = await cluster({ workers: 2 }); const v = c.view();';

test('a function as an argument fails the call and says what travels', async () => {
  const shown = await failed(`${CLUSTER}\nawait v.map((f: any) => f(), [() => 1, () => 2]);`);
  expect(shown).toMatch(/clone|function|cannot be sent|copied/i);
});

test('a function as a result fails the call and says what travels', async () => {
  const shown = await failed(`${CLUSTER}\nawait v.apply(() => () => 1);`);
  expect(shown).toMatch(/clone|function|cannot be sent|copied/i);
});

test('a symbol as an argument fails the call with advice', async () => {
  const shown = await failed(
    `${CLUSTER}\nawait v.map((s: any) => String(s), [Symbol('a'), Symbol('b')]);`,
  );
  expect(shown).toMatch(/clone|symbol|cannot be sent|copied/i);
});

test('objects with cycles travel both ways and keep their cycles', async () => {
  const out = await printed(`${CLUSTER}
const a: any = { name: 'a' }; a.self = a;
const r = await v.map((o: any) => { o.back = o; return o; }, [a, a]);
print('cycles', r.every((o: any) => o.self === o && o.back === o && o.name === 'a'));`);
  expect(out).toContain('cycles true');
});

test('BigInt, NaN, -0, Infinity, sparse arrays, Map, Set and Date arrive intact', async () => {
  const out = await printed(`${CLUSTER}
const odd = [10n ** 30n, NaN, -0, -Infinity, [1, , 3], new Map([[1, 'one']]), new Set(['s']), new Date(86400000)];
const [back] = await c.view([0]).apply((x: any[]) => x, odd);
const checks = [
  back[0] === 10n ** 30n,
  Number.isNaN(back[1]),
  Object.is(back[2], -0),
  back[3] === -Infinity,
  back[4].length === 3 && !(1 in back[4]) && back[4][2] === 3,
  back[5] instanceof Map && back[5].get(1) === 'one',
  back[6] instanceof Set && back[6].has('s'),
  back[7] instanceof Date && back[7].getTime() === 86400000,
];
print('intact', checks.join(','));`);
  expect(out).toContain(`intact ${Array(8).fill('true').join(',')}`);
});

test('scatter and gather of a typed-array view with an offset move the right elements', async () => {
  const out = await printed(`${CLUSTER}
const whole = Float64Array.from({ length: 20 }, (_, i) => i);
const view = whole.subarray(5, 15);
await v.scatter('part', view);
const firsts = await v.apply(() => Array.from(part as Float64Array));
const back = await v.gather('part');
print('parts', JSON.stringify(firsts));
print('gathered', back.constructor.name, Array.from(back).join(','));`);
  expect(out).toContain('parts [[5,6,7,8,9],[10,11,12,13,14]]');
  expect(out).toContain('gathered Float64Array 5,6,7,8,9,10,11,12,13,14');
});

test('push and pull of a typed-array view with an offset move the right elements', async () => {
  const out = await printed(`${CLUSTER}
const bytes = Uint8Array.from({ length: 16 }, (_, i) => i * 2);
await v.push({ w: new Int16Array(bytes.buffer, 4, 3) });
const seen = await v.apply(() => Array.from(w as Int16Array).join(','));
const pulled = await v.pull('w');
print('seen', seen.join(' | '));
print('pulled', pulled.map((p: Int16Array) => p.length + ':' + Array.from(p).join(',')).join(' | '));`);
  // Int16 little-endian from bytes 4..9, which hold 8, 10 ... 18.
  const expected = [8 + 10 * 256, 12 + 14 * 256, 16 + 18 * 256].join(',');
  expect(out).toContain(`seen ${expected} | ${expected}`);
  expect(out).toContain(`pulled 3:${expected} | 3:${expected}`);
});
