import { describe, expect, it } from 'vitest';
import { ScriptSource } from './source-map';

describe(ScriptSource, () => {
  const js = 'const a = 1;\nthrow new Error("x");\n';

  it("finds the script's innermost frame in a stack trace", () => {
    const script = new ScriptSource(js, 'fanout-script-1.js', undefined);
    const stack = 'Error: x\n    at inner (fanout-script-1.js:2:7)\n    at outer (other.js:9:1)';
    expect(script.positionInStack(stack)).toEqual({ line: 2, column: 7 });
    expect(script.positionInStack('Error: x\n    at other.js:9:1')).toBeUndefined();
  });

  it('takes away the lines the code that ran had before the script (a function header)', () => {
    const script = new ScriptSource(js, 'fanout-script-2.js', undefined, 3);
    expect(script.positionInStack('Error: x\n    at fanout-script-2.js:5:7')).toEqual({
      line: 2,
      column: 7,
    });
  });
});
