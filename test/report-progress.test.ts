import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProgress, formatProgress } from '../src/progress/index.js';

function sink(isTTY: boolean): {
  stream: { isTTY: boolean; columns: number; write(s: string): boolean };
  text: () => string;
} {
  const chunks: string[] = [];
  return {
    stream: { isTTY, columns: 100, write: (s: string) => chunks.push(s) > 0 },
    text: () => chunks.join(''),
  };
}

describe('progress bar', () => {
  it('formats rate and ETA', () => {
    assert.equal(
      formatProgress('analysing', 100, 400, 2),
      'analysing █████░░░░░░░░░░░░░░░ 100/400 files · 50 files/s · ETA 6s',
    );
    assert.equal(
      formatProgress('analysing', 400, 400, 4),
      'analysing ████████████████████ 400/400 files · 100 files/s',
    );
    assert.match(formatProgress('x', 1, 1000, 1), /ETA 16m39s$/);
  });

  it('draws on a terminal, throttled, and clears the line at the end', () => {
    const out = sink(true);
    let now = 0;
    const progress = createProgress({ stream: out.stream, env: {}, now: () => now });
    assert.ok(progress.enabled);
    progress.phase('analysing');
    now = 1000;
    progress.update(10, 100);
    now = 1050;
    progress.update(11, 100); // within 100 ms: skipped
    now = 2000;
    progress.update(100, 100);
    progress.finish();
    const text = out.text();
    assert.match(text, /analysing…/);
    assert.match(text, /10\/100 files · 10 files\/s · ETA 9s/);
    assert.doesNotMatch(text, /11\/100/);
    assert.ok(text.endsWith('\r\x1b[K'));
  });

  it('prints nothing when piped, in CI, for TERM=dumb or with --quiet', () => {
    for (const [isTTY, env, quiet] of [
      [false, {}, false],
      [true, { CI: 'true' }, false],
      [true, { TERM: 'dumb' }, false],
      [true, {}, true],
    ] as const) {
      const out = sink(isTTY);
      const progress = createProgress({ stream: out.stream, env, quiet });
      progress.phase('x');
      progress.update(1, 2);
      progress.finish();
      assert.equal(out.text(), '');
      assert.equal(progress.enabled, false);
    }
  });
});
