// Small hand-written project parts for the override and conflict rule tests.
import type { Theme, ThemeOverride } from '../../project/model.js';

/** The rule-test module builder, under the name these tests use. */
export { moduleFixture as moduleWith } from '../testing.js';

export function themeWith(
  code: string,
  parentChain: string[],
  overrides: Omit<ThemeOverride, 'file'>[],
  extra: Partial<Theme> = {},
): Theme {
  const [area] = code.split('/');
  const path = `app/design/${code}`;
  return {
    code,
    area: area as Theme['area'],
    parent: parentChain[0] ?? null,
    parentChain,
    path,
    package: null,
    location: 'app-design',
    hyva: false,
    overrides: overrides.map((o) => ({ ...o, file: `${path}/${o.module ? `${o.module}/` : ''}${o.modulePath}` })),
    ...extra,
  };
}
