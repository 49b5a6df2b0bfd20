import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's Chromium (installed by scripts/install-system-deps.sh); never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BrowserSession {
  context: BrowserContext;
  /** A new tab (its own sessionStorage, so two tabs can be two clerks). */
  page(options?: { width?: number; height?: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Headless Chromium with an empty temporary profile; Latvian locale, Riga time. */
export async function launchBrowser(options: { width?: number; height?: number } = {}): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'vpvkac-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--disable-gpu'],
    locale: 'lv-LV',
    timezoneId: 'Europe/Riga',
    viewport: { width: options.width ?? 1366, height: options.height ?? 768 },
  });
  // Fail fast with the step that failed, instead of hitting the test's own timeout.
  context.setDefaultTimeout(10_000);
  const initial = context.pages();
  return {
    context,
    async page(size) {
      const page = initial.length > 0 ? initial.shift()! : await context.newPage();
      if (size) await page.setViewportSize({ width: size.width ?? 1366, height: size.height ?? 768 });
      page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
      return page;
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login page's demo-user picker and waits for the landing page. */
export async function signIn(page: Page, baseUrl: string, username: string, next = '/'): Promise<void> {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  try {
    await page.locator(`input[name="user"][value="${username}"]`).check();
  } catch (e) {
    throw new Error(`sign-in page for ${username} showed: ${(await page.locator('main').innerText().catch(() => '?')).slice(0, 500)}\n${String(e)}`);
  }
  await page.getByRole('button', { name: 'Pieteikties' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core (WCAG 2.1 A/AA rules) on the current page: the serious and critical violations.
 *
 * Running CSS animations (the display's flash on a call) are paused and checked at several points
 * of their cycle, so a colour pair that is unreadable only part of the time is found every time,
 * not only when axe happens to sample that moment. They play on afterwards.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy stays on.
  await page.evaluate(axeSource);
  const run = async (): Promise<AxeViolation[]> => {
    const result = await page.evaluate<{ violations: AxeViolation[] }>(
      "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })",
    );
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  };
  const animations = await page.evaluate<number>('(() => { const all = document.getAnimations(); all.forEach((a) => a.pause()); return all.length; })()');
  if (animations === 0) return run();
  const found = new Map<string, AxeViolation>();
  try {
    for (const fraction of ANIMATION_SAMPLES) {
      await page.evaluate(
        `document.getAnimations().forEach((a) => { const d = Number(a.effect.getComputedTiming().duration) || 0; a.currentTime = ${fraction} * d; })`,
      );
      for (const v of await run()) {
        const nodes = v.nodes.map((n) => ({ ...n, failureSummary: `${n.failureSummary ?? ''} (animations at ${fraction * 100} % of their cycle)` }));
        const key = `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`;
        if (!found.has(key)) found.set(key, { ...v, nodes });
      }
    }
  } finally {
    await page.evaluate('document.getAnimations().forEach((a) => a.play())');
  }
  return [...found.values()];
}

/** Points of an animation's cycle (fractions of one iteration) at which it is checked. */
const ANIMATION_SAMPLES = [0, 0.2, 0.4, 0.5, 0.6, 0.8, 0.99];

/** Polls `read` until `check` passes (default 5 s), then fails with what was last seen. */
export async function eventually<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      if (check(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not satisfied in ${timeoutMs} ms; last value ${JSON.stringify(last)}${lastError ? `, last error ${String(lastError)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Assertions on locators (playwright-core has no test-runner `expect`), each waiting up to 5 s. */
export const see = {
  text: (l: Locator, expected: string | RegExp, timeoutMs?: number) =>
    eventually(`text of ${l}`, async () => (await l.first().textContent({ timeout: 500 }))?.trim() ?? null, (v) => (typeof expected === 'string' ? v === expected : !!v && expected.test(v)), timeoutMs),
  attr: (l: Locator, name: string, expected: string, timeoutMs?: number) =>
    eventually(`${name} of ${l}`, () => l.first().getAttribute(name, { timeout: 500 }), (v) => v === expected, timeoutMs),
  cls: (l: Locator, expected: RegExp, timeoutMs?: number) =>
    eventually(`class of ${l}`, () => l.first().getAttribute('class', { timeout: 500 }), (v) => !!v && expected.test(v), timeoutMs),
  count: (l: Locator, expected: number, timeoutMs?: number) => eventually(`count of ${l}`, () => l.count(), (v) => v === expected, timeoutMs),
  visible: (l: Locator, timeoutMs = 5000) => l.first().waitFor({ state: 'visible', timeout: timeoutMs }),
  enabled: (l: Locator, timeoutMs?: number) => eventually(`enabled ${l}`, () => l.first().isEnabled({ timeout: 500 }), (v) => v, timeoutMs),
  checked: (l: Locator, timeoutMs?: number) => eventually(`checked ${l}`, () => l.first().isChecked({ timeout: 500 }), (v) => v, timeoutMs),
};
