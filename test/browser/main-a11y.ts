import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import type { AxeViolation } from './support/browser';

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core (WCAG 2.1 A/AA + best practice) on the page's own content, `<main id="main">`: the
 * serious and critical violations. The shared frame around it (header, navigation, language
 * switch) is checked by the frame's owners with `seriousA11yViolations` on the whole document.
 */
export async function mainA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate<{ violations: AxeViolation[] }>(
    "axe.run({ include: [['#main']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })",
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
}
