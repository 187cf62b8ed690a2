import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import type { StoreBrowser } from './browser.js';
import { storeRelative } from './discover.js';
import type { FlowResult, Storefront } from './types.js';

let STEP_TIMEOUT = 20_000;

/** Test data: an address that exists nowhere, an e-mail domain reserved for examples (RFC 2606). */
export const TEST_ADDRESS = {
  firstname: 'Mageup',
  lastname: 'Verify',
  street: '1 Test Street',
  city: 'Testville',
  postcode: '90210',
  telephone: '5550100',
  country: 'US',
  region: 'California',
};

/**
 * Customer journeys in a real browser, on a staging store only (the caller checks): guest checkout up to the payment
 * step (an order only with `placeOrder`), and registration then login of a new test account. Each step is timed;
 * the first that fails ends its flow with a screenshot.
 */
export async function runFlows(
  browser: StoreBrowser,
  stores: Storefront[],
  opts: { placeOrder: boolean; artifactsDir: string; stepTimeoutMs?: number; only?: FlowResult['name'][] },
): Promise<FlowResult[]> {
  STEP_TIMEOUT = opts.stepTimeoutMs ?? 20_000;
  const out: FlowResult[] = [];
  for (const store of stores) {
    const product =
      store.pages.find((p) => p.kind === 'product') ?? store.pages.find((p) => p.kind === 'product-configurable');
    const want = (name: FlowResult['name']): boolean => !opts.only || opts.only.includes(name);
    if (want('checkout') && product && product.kind === 'product')
      out.push(
        await flow(browser, store, 'checkout', opts.artifactsDir, (step, page) =>
          checkout(step, page, store, product.url, opts.placeOrder),
        ),
      );
    if (want('register-login'))
      out.push(
        await flow(browser, store, 'register-login', opts.artifactsDir, (step, page) =>
          registerLogin(step, page, store),
        ),
      );
  }
  return out;
}

type Step = (name: string, action: () => Promise<string | void>) => Promise<void>;

async function flow(
  browser: StoreBrowser,
  store: Storefront,
  name: FlowResult['name'],
  artifactsDir: string,
  body: (step: Step, page: Page) => Promise<void>,
): Promise<FlowResult> {
  const result: FlowResult = { name, store: store.code, ok: true, steps: [] };
  const context = await browser.context();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const step: Step = async (stepName, action) => {
    const t0 = performance.now();
    try {
      const detail = await action();
      result.steps.push({
        name: stepName,
        ok: true,
        ms: Math.round(performance.now() - t0),
        ...(detail ? { detail } : {}),
      });
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
      result.steps.push({
        name: stepName,
        ok: false,
        ms: Math.round(performance.now() - t0),
        detail: message + (errors.length ? `; page errors: ${errors.slice(0, 2).join(' | ')}` : ''),
      });
      await page.screenshot({ path: join(artifactsDir, 'flows', `${store.code}-${name}.png`) }).catch(() => undefined);
      throw error;
    }
  };
  try {
    await body(step, page);
  } catch (error) {
    result.ok = false;
    result.error = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  } finally {
    await context.close().catch(() => undefined);
  }
  return result;
}

async function checkout(
  step: Step,
  page: Page,
  store: Storefront,
  productUrl: string,
  placeOrder: boolean,
): Promise<void> {
  await step('open product', async () => {
    await page.goto(productUrl, { waitUntil: 'load', timeout: STEP_TIMEOUT });
    await page.locator('#product-addtocart-button').waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    // Magento enables the button once its widget initialised.
    await page.waitForFunction(`!document.querySelector('#product-addtocart-button').disabled`, undefined, {
      timeout: STEP_TIMEOUT,
    });
  });
  await step('add to cart', async () => {
    await page.locator('#product-addtocart-button').click();
    await page.waitForFunction(
      `(() => { const c = document.querySelector('.minicart-wrapper .counter-number'); return c && Number(c.textContent.trim()) > 0; })()`,
      undefined,
      { timeout: STEP_TIMEOUT },
    );
  });
  await step('mini-cart', async () => {
    await page.locator('.minicart-wrapper .action.showcart').click();
    await page
      .locator('#minicart-content-wrapper .product-item, #mini-cart .product-item')
      .first()
      .waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  });
  await step('checkout: shipping address', async () => {
    await page.goto(storeRelative(store.baseUrl, 'checkout/'), { waitUntil: 'load', timeout: STEP_TIMEOUT });
    const form = page.locator('#shipping, #checkout-step-shipping');
    await form.first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT * 2 });
    await page
      .locator('#customer-email')
      .first()
      .fill(`mageup-verify+${Date.now()}@example.com`, { timeout: STEP_TIMEOUT });
    const fill = async (name: string, value: string): Promise<void> => {
      const input = page
        .locator(`#shipping-new-address-form [name="${name}"], #co-shipping-form [name="${name}"]`)
        .first();
      await input.fill(value, { timeout: STEP_TIMEOUT });
    };
    await fill('firstname', TEST_ADDRESS.firstname);
    await fill('lastname', TEST_ADDRESS.lastname);
    await fill('street[0]', TEST_ADDRESS.street);
    await fill('city', TEST_ADDRESS.city);
    const country = page.locator('[name="country_id"]').first();
    if ((await country.count()) > 0) await country.selectOption(TEST_ADDRESS.country).catch(() => undefined);
    const region = page.locator('select[name="region_id"]').first();
    if ((await region.count()) > 0 && (await region.isVisible()))
      await region.selectOption({ label: TEST_ADDRESS.region });
    await fill('postcode', TEST_ADDRESS.postcode);
    await fill('telephone', TEST_ADDRESS.telephone);
  });
  await step('checkout: shipping method', async () => {
    const method = page
      .locator(
        '#checkout-shipping-method-load input[type="radio"], .table-checkout-shipping-method input[type="radio"]',
      )
      .first();
    await method.waitFor({ state: 'attached', timeout: STEP_TIMEOUT });
    if (await method.isVisible()) await method.check();
    await page.locator('[data-role="opc-continue"], #shipping-method-buttons-container button').first().click();
  });
  await step('checkout: payment step', async () => {
    await page
      .locator('#checkout-payment-method-load .payment-method, #checkout-step-payment .payment-method')
      .first()
      .waitFor({ state: 'visible', timeout: STEP_TIMEOUT * 2 });
    return `payment methods: ${await page.locator('#checkout-payment-method-load .payment-method').count()}`;
  });
  if (!placeOrder) return;
  await step('place order', async () => {
    const checkmo = page.locator('#checkmo');
    if ((await checkmo.count()) > 0) await checkmo.check();
    await page
      .locator('.payment-method._active button.checkout, .payment-method._active [data-role="review-save"]')
      .first()
      .click();
    await page.waitForURL(/checkout\/onepage\/success/, { timeout: STEP_TIMEOUT * 2 });
    return (
      await page
        .locator('.checkout-success')
        .first()
        .textContent()
        .catch(() => '')
    )
      ?.trim()
      .slice(0, 120);
  });
}

async function registerLogin(step: Step, page: Page, store: Storefront): Promise<void> {
  const email = `mageup-verify+${Date.now()}@example.com`;
  const password = `Mv-${Date.now().toString(36)}-Aa1!`;
  await step('register', async () => {
    await page.goto(storeRelative(store.baseUrl, 'customer/account/create/'), {
      waitUntil: 'load',
      timeout: STEP_TIMEOUT,
    });
    await page.locator('#firstname').fill(TEST_ADDRESS.firstname);
    await page.locator('#lastname').fill(TEST_ADDRESS.lastname);
    await page.locator('#email_address').fill(email);
    await page.locator('#password').fill(password);
    await page.locator('#password-confirmation').fill(password);
    await Promise.all([
      page.waitForURL(
        (u) =>
          /customer\/account\/?(index\/?)?(\?|$)/.test(u.pathname + u.search) ||
          /customer\/account\/$/.test(u.pathname),
        { timeout: STEP_TIMEOUT },
      ),
      page.locator('#form-validate button[type="submit"], form.form-create-account button.submit').first().click(),
    ]);
    return email;
  });
  await step('log out', async () => {
    await page.goto(storeRelative(store.baseUrl, 'customer/account/logout/'), {
      waitUntil: 'load',
      timeout: STEP_TIMEOUT,
    });
  });
  await step('log in', async () => {
    await page.goto(storeRelative(store.baseUrl, 'customer/account/login/'), {
      waitUntil: 'load',
      timeout: STEP_TIMEOUT,
    });
    // The form that holds login[username]: Luma's hidden authentication popup, which Knockout renders on every page
    // (ahead of the page's own form, once its script ran), is also `form.form-login#login-form` with a `#send2`.
    const form = page.locator('form:has(input[name="login[username]"])').first();
    await form.locator('input[name="login[username]"]').fill(email, { timeout: STEP_TIMEOUT });
    // By name: the field's id is `pass` before 2.4.7 and `password` from 2.4.7 on.
    await form.locator('input[name="login[password]"]').fill(password, { timeout: STEP_TIMEOUT });
    await Promise.all([
      page.waitForURL((u) => /customer\/account\/?(index\/?)?$/.test(u.pathname), { timeout: STEP_TIMEOUT }),
      form.locator('button[type="submit"]').first().click(),
    ]);
  });
}
