/** The inlined stylesheet gives the classes the page writes a look of their own. */
import { HTML_STYLE } from '../../src/report/html-style';

/** The declarations of the rule whose selector list holds `selector`, or undefined when none does. */
function ruleOf(selector: string): string | undefined {
  // Comments set aside: one before a rule would read as part of its selector.
  for (const match of HTML_STYLE.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const selectors = (match[1] ?? '').split(',').map((s) => s.trim());
    if (selectors.includes(selector)) return match[2];
  }
  return undefined;
}

test.each(['.history-new-contract', '.history-new-build', '.history-legend'])("the history's %s line is set apart, quietly: muted, as the page's other asides", (selector) => {
  const rule = ruleOf(selector);
  expect(rule).toBeDefined();
  // Visible (a colour of the page's own, not hidden) but quiet: the muted colour, never the failure's.
  expect(rule).toMatch(/color:\s*var\(--muted\)/);
  expect(rule).not.toMatch(/var\(--bad\)|display:\s*none|visibility:\s*hidden/);
});

test("the history's list of nights not run has a look of its own: the colour of what could not be judged, not of a failure", () => {
  const rule = ruleOf('.history-not-run');
  expect(rule).toBeDefined();
  // A night the run stopped before judging is what an error case is (nothing judged), not a failure of the target.
  expect(rule).toMatch(/color:\s*var\(--err\)/);
  expect(rule).not.toMatch(/var\(--bad\)|display:\s*none|visibility:\s*hidden/);
});
