import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { projectFixture, runRule } from '../testing.js';
import { moduleWith } from '../overrides/fixtures.js';
import { routeFrontname as rule } from './route-frontname.js';

const route = (module: string, id: string, frontName: string, area = 'frontend') => ({
  file: `app/code/${module.replace('_', '/')}/etc/${area}/routes.xml`,
  line: 4,
  area,
  id,
  frontName,
});

describe('conflicts/route-frontname', () => {
  it('reports two route ids sharing a frontName in one area once, the other route related', async () => {
    const modules = [
      moduleWith('Acme_Store', { routes: [route('Acme_Store', 'acme_seo', 'seo')] }),
      moduleWith('Seo_Plus', {
        routes: [route('Seo_Plus', 'seoplus', 'seo'), route('Seo_Plus', 'seoplus_admin', 'seo', 'adminhtml')],
      }),
    ];
    const findings = await runRule(rule, { project: projectFixture({ modules }) });
    assert.deepEqual(
      findings.map((f) => f.file),
      ['app/code/Acme/Store/etc/frontend/routes.xml'],
    );
    assert.deepEqual(
      findings[0]!.related?.map((r) => r.file),
      ['app/code/Seo/Plus/etc/frontend/routes.xml'],
    );
  });

  it('a module adding its controllers to another route id (same id) is not a conflict', async () => {
    const modules = [
      moduleWith('Acme_Store', { routes: [route('Acme_Store', 'catalog', 'catalog')] }),
      moduleWith('Magento_Catalog', { routes: [route('Magento_Catalog', 'catalog', 'catalog')] }, { core: true }),
    ];
    assert.deepEqual(await runRule(rule, { project: projectFixture({ modules }) }), []);
  });

  it('routes that only add a module to another route (no frontName of their own) do not collide on ""', async () => {
    // Mageplaza_DeleteOrders `<route id="sales">` and Mageplaza_SecurityPro `<route id="mpsecurity">`, each with only
    // a `<module before=…>` (keyclampstore-com): two extensions of two routes, no frontName between them.
    const modules = [
      moduleWith('Acme_DeleteOrders', { routes: [route('Acme_DeleteOrders', 'sales', '', 'adminhtml')] }),
      moduleWith('Acme_SecurityPro', { routes: [route('Acme_SecurityPro', 'acmesecurity', '', 'adminhtml')] }),
    ];
    assert.deepEqual(await runRule(rule, { project: projectFixture({ modules }) }), []);
  });
});
