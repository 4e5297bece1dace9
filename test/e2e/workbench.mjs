// Driving the code-server workbench as a user would: keyboard shortcuts, Quick Open, the command palette,
// the Problems panel and the preview's webview (selectors per ../shared/reference/vscode-offline-testing.md).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../vscode/code-server.mjs';

export const shotsDir = join(repoRoot, 'test-results', 'e2e');

/** Opens the workbench URL in a 1600x1000 page and waits until the workbench is restored. */
export async function openWorkbench(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.goto(url);
  // The smoke-test driver (enabled by --vscode-option enable-smoke-test-driver) says when the UI is usable.
  await page.waitForFunction(() => typeof window.driver?.whenWorkbenchRestored === 'function', null, { timeout: 60_000 });
  await page.evaluate(() => window.driver.whenWorkbenchRestored());
  await page.locator('.monaco-workbench').waitFor();
  return page;
}

export async function screenshot(page, name) {
  mkdirSync(shotsDir, { recursive: true });
  const file = join(shotsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Ctrl+P, type the name, WAIT for its row (Enter before the row shows opens nothing), Enter. */
export async function quickOpen(page, fileName) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(fileName);
  // Wait until the FOCUSED row is the file: the list first shows recently opened files, and Enter takes
  // whichever row has the focus at that moment.
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: fileName }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await activeTab(page, fileName).waitFor({ state: 'visible' });
}

/** The tab of the active editor group whose label is `name` and is the active one. */
export function activeTab(page, name) {
  return page.locator('.editor-group-container.active .tabs-container .tab.active', { hasText: name });
}

/**
 * Moves the mouse off whatever it was left on (a tab just clicked, a button) and waits until the
 * tooltip that element may show is gone: a workbench tooltip covers what lies under it and, once shown,
 * can keep the keyboard focus from the command palette.
 */
export async function clearHover(page) {
  await page.mouse.move(4, 4);
  await page.locator('.monaco-hover.workbench-hover').first().waitFor({ state: 'hidden' });
}

/** F1, type the command's title, wait for its row, Enter. */
export async function runCommand(page, title) {
  await clearHover(page);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns the locator of its rows. */
export async function openProblems(page) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ state: 'visible' });
  return page.locator('.markers-panel .monaco-list-row');
}

/** The preview's content: the webview iframe, then its inner #active-frame. */
export function webview(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** The text of the active editor as rendered (only the visible lines: keep fixtures short). */
export async function activeEditorText(page) {
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines');
  const text = await lines.first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

/** "Ln 12, Col 3" from the status bar, as { line, column } (1-based, as shown). */
export async function cursorPosition(page) {
  const item = page.locator('[id="status.editor.selection"]');
  await item.waitFor({ state: 'visible' });
  const m = /Ln (\d+), Col (\d+)/.exec(await item.innerText());
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}

/** Polls fn until it returns a truthy value; throws with `what` after timeoutMs. */
export async function eventually(fn, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) { last = err; }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
