import { createRequire } from 'node:module';
import { cruise } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const config = require('../../.dependency-cruiser.cjs') as { forbidden: unknown[]; options: Record<string, unknown> };

async function violations(paths: string[], baseDir?: string) {
  const options = { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden }, ...(baseDir ? { baseDir, tsConfig: undefined } : {}) };
  const result = await cruise(paths, options as never);
  const output = result.output as { summary: { totalCruised: number; violations: { from: string; to: string; rule: { name: string } }[] } };
  expect(output.summary.totalCruised).toBeGreaterThan(paths.length);
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
}

describe('layering between shared/, electron/ and renderer/', () => {
  it('has no import that crosses a forbidden door', async () => {
    expect(await violations(['shared', 'electron', 'renderer'])).toEqual([]);
  }, 60_000);

  it('would catch shared/ importing Node or electron/ (the rules are live)', async () => {
    const found = await violations(['shared'], 'test/fixtures/layering');
    expect(found).toEqual(
      expect.arrayContaining([expect.stringMatching(/^shared-no-node: /), expect.stringMatching(/^shared-is-pure: /)]),
    );
  }, 60_000);
});
