import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  colorEnabled,
  colors,
  escapeMarkdown,
  markdownTable,
  renderTable,
  terminalSafe,
  visibleLength,
} from './format.js';

describe('report format helpers', () => {
  it('colours only on a terminal, honouring NO_COLOR and FORCE_COLOR', () => {
    assert.equal(colorEnabled({ isTTY: true }, {}), true);
    assert.equal(colorEnabled({ isTTY: false }, {}), false);
    assert.equal(colorEnabled({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(colorEnabled({ isTTY: true }, { TERM: 'dumb' }), false);
    assert.equal(colorEnabled({ isTTY: false }, { FORCE_COLOR: '1' }), true);
    assert.equal(colorEnabled({ isTTY: true }, { FORCE_COLOR: '0' }), false);
    assert.equal(colors(false).red('x'), 'x');
    assert.equal(colors(true).red('x'), '\x1b[31mx\x1b[39m');
  });

  it('renders aligned tables; colour codes take no width', () => {
    const table = renderTable(
      ['Name', 'N'],
      [
        [colors(true).green('ab'), '1'],
        ['abcd', '22'],
      ],
      { align: ['left', 'right'] },
    );
    const lines = table.split('\n');
    assert.equal(lines.length, 4);
    assert.equal(visibleLength(lines[2] ?? ''), visibleLength(lines[3] ?? ''));
    assert.match(lines[3] ?? '', /^abcd {2}22$/);
  });

  it('neutralises control characters from the analysed project', () => {
    assert.equal(terminalSafe('evil\x1b[2Jname'), 'evil\\x1b[2Jname');
  });

  it('escapes Markdown and HTML in cells', () => {
    assert.equal(escapeMarkdown('a|b <script>*x*</script>'), 'a\\|b &lt;script&gt;\\*x\\*&lt;/script&gt;');
    assert.equal(markdownTable(['A'], [['x|y']]), '| A |\n| --- |\n| x\\|y |');
  });
});
