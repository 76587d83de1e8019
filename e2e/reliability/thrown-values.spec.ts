import { expect, runScript, test } from '../fixtures';
import { consoleText, expectRecovered, useSharedPage } from './health';

/**
 * Scripts and mapped functions that throw what is not an Error, overflow the stack, or
 * throw an Error that cannot even be read: the run fails with a message a person can act
 * on, and the page carries on.
 */

const page = useSharedPage();

/** What the error box says after a failed run, and that the run is marked Failed. */
async function failure(code: string): Promise<string> {
  const p = page();
  const report = await runScript(p, code);
  expect(report.ok).toBe(false);
  await expect(p.locator('#status')).toHaveText('Failed');
  await expect(p.locator('#error')).toBeVisible();
  return p.locator('#error').innerText();
}

const THROWN: [string, string, RegExp][] = [
  ['a string', `'plain <b>text</b>'`, /plain <b>text<\/b>/],
  ['null', 'null', /null/],
  ['undefined', 'undefined', /undefined/],
  ['an object', `{ code: 42, why: 'custom' }`, /code: 42|"code":42|\[object Object\]|custom/],
  ['a symbol', `Symbol('odd')`, /Symbol\(odd\)/],
  ['a number', '404', /404/],
];

for (const [what, value, shown] of THROWN) {
  test(`a script that throws ${what} fails with the value shown`, async () => {
    const code = `print('start');\nthrow ${value};`;
    expect(await failure(code)).toMatch(shown);
    await expect(page().getByTestId('console')).toContainText('start');
    await expectRecovered(page(), code);
  });
}

test('mapped functions that throw strings, null, objects and symbols fail the call', async () => {
  let code = '';
  for (const [, value, shown] of THROWN) {
    code = `const c = await cluster({ workers: 2 });
await c.view().map((x: number) => { if (x === 3) throw ${value}; return x; }, [1, 2, 3, 4]);`;
    expect(await failure(code)).toMatch(shown);
    expect(await page().evaluate(() => window.fanout.getCode())).toBe(code);
  }
  await expectRecovered(page(), code);
});

test('endless recursion in the script fails with a RangeError at its line', async () => {
  const code = `function down(n: number): number {\n  return down(n + 1) + 1;\n}\nprint(down(0));`;
  // V8 detects the overflow either on entering `down` (line 1) or at the call (line 2).
  expect(await failure(code)).toMatch(/RangeError, line [12]: Maximum call stack size exceeded/);
  await expectRecovered(page(), code);
});

test('endless recursion in a mapped function fails the call, naming the worker', async () => {
  const code = `const c = await cluster({ workers: 2 });
await c.view().map((x: number) => { const down = (n: number): number => down(n + 1) + 1; return down(x); }, [1, 2]);`;
  const shown = await failure(code);
  expect(shown).toMatch(/Maximum call stack size exceeded/);
  expect(shown).toMatch(/2 workers \(0, 1\), line 2: RangeError/);
  await expectRecovered(page(), code);
});

const UNREADABLE = `class Unreadable extends Error {
  get message(): string { throw new Error('no message for you'); }
}`;

test('an Error whose message getter throws ends the run, in the script and on a worker', async () => {
  const script = `${UNREADABLE}\nthrow new Unreadable();`;
  expect(await failure(script)).toMatch(
    /a value was thrown that cannot be read \(reading it threw too: no message for you\)/,
  );
  const mapped = `const c = await cluster({ workers: 2 });
await c.view().apply(() => {
  class Unreadable extends Error { get message(): string { throw new Error('no'); } }
  throw new Unreadable();
});`;
  expect(await failure(mapped)).toMatch(
    /line 2: Error: a value was thrown that cannot be read \(reading it threw too: no\)/,
  );
  await expectRecovered(page(), mapped);
});

test('printing a Proxy whose ownKeys throws prints a note, in the script and on a worker', async () => {
  const code = `const trap = new Proxy({}, { ownKeys() { throw new Error('trap'); }, get() { throw new Error('trap'); } });
print('proxy', trap);
const c = await cluster({ workers: 2 });
await c.view().apply(() => {
  print('worker proxy', new Proxy({}, { ownKeys() { throw new Error('trap'); } }));
  return 1;
});
print('after');`;
  const report = await runScript(page(), code);
  expect(report.error).toBeUndefined();
  const text = report.output.map((l) => l.text);
  expect(text).toContain('after');
  expect(text.filter((t) => t.startsWith('proxy'))).toHaveLength(1);
  expect(text.filter((t) => t.startsWith('worker proxy'))).toHaveLength(2);
  await expect(page().locator('#status')).toHaveText(/^Done/);
  expect(await consoleText(page())).toContain('after');
  await expectRecovered(page(), code);
});
