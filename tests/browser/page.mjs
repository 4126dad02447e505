// The page of `arkiv serve` in headless Chromium, as a reader uses it: type a query and see the
// seed first, narrow by a person facet and by a bar of the histogram, open the article, follow
// a person link, go back; with the keyboard alone; an article whose title is markup shows as
// text; axe-core finds no serious or critical violation on any view; both languages.
//
// Run by tests/browser.rs: `node page.mjs BASE_URL ARTIFACTS_DIR`. Screenshots of each view go
// to ARTIFACTS_DIR. Exits non-zero with the failed check on stderr.

import { mkdtempSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const [base, artifacts] = process.argv.slice(2);
assert.ok(base && artifacts, "usage: node page.mjs BASE_URL ARTIFACTS_DIR");
mkdirSync(artifacts, { recursive: true });

const SEED_TITLE = "USA og Russland snakker sammen – men er uenige om det meste";
const XSS_TITLE = "<script>alert(\"xss\")</script> Ferja <img src=x onerror=alert(1)>";
/** How long one step may wait for the page. */
const STEP_MS = 15_000;

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core on the view and fails on a serious or critical violation. */
async function accessible(page, view) {
  // Evaluated through the browser's debugging protocol, which the page's script policy does
  // not govern, so axe runs against the real page with its real policy.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const serious = result.violations.filter((violation) => ["serious", "critical"].includes(violation.impact));
  assert.deepEqual(
    serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target).join(", ")})`),
    [],
    `axe-core on ${view}`,
  );
}

async function screenshot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

const profile = mkdtempSync(join(tmpdir(), "arkiv-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  locale: "nb-NO",
  viewport: { width: 1280, height: 900 },
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
context.setDefaultTimeout(STEP_MS);
const problems = [];
try {
  const page = context.pages()[0] || (await context.newPage());
  // No article may make the page run a script: an alert would open a dialog.
  page.on("dialog", (dialog) => {
    problems.push(`a dialog opened: ${dialog.message()}`);
    dialog.dismiss();
  });
  page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));

  // Bokmål for a Norwegian browser.
  await page.goto(`${base}/`);
  assert.equal(await page.locator("#search button").textContent(), "Søk");
  assert.equal(await page.evaluate(() => document.documentElement.lang), "nb");
  await accessible(page, "the start page");

  // Keyboard only: Tab to the box, type, take a suggestion with the arrow keys, Enter.
  for (let i = 0; i < 5 && !(await page.evaluate(() => document.activeElement?.id === "q")); i++) {
    await page.keyboard.press("Tab");
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), "q", "Tab reaches the search box");
  await page.keyboard.type("Pompe");
  await page.locator("#suggestions li").first().waitFor();
  assert.equal(await page.locator("#q").getAttribute("aria-expanded"), "true");
  await accessible(page, "the suggestions");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.locator("#suggestions li[aria-selected=true] span").first().textContent(), "Mike Pompeo");
  await Promise.all([page.waitForURL(/q=%22Mike\+Pompeo%22/), page.keyboard.press("Enter")]);
  await page.locator(".hits li").first().waitFor();

  // Type a query: the seed first.
  await page.locator("#q").fill("Pompeo Lavrov");
  await Promise.all([page.waitForURL(/q=Pompeo\+Lavrov/), page.locator("#q").press("Enter")]);
  const firstHit = page.locator(".hits li h3 a").first();
  assert.equal(await firstHit.textContent(), SEED_TITLE);
  assert.ok((await page.locator(".hits mark").count()) >= 2, "the matches are marked");
  await screenshot(page, "search");
  await accessible(page, "the results");

  // A person facet filters: the URL says so and the seed is still there.
  await Promise.all([page.waitForURL(/person=Mike\+Pompeo/), page.locator(".facets a", { hasText: "Mike Pompeo" }).click()]);
  assert.match(await page.locator(".filters").textContent(), /Mike Pompeo/);
  assert.equal(await page.locator(".hits li h3 a").first().textContent(), SEED_TITLE);
  await screenshot(page, "facet");
  const filtered = page.url();

  // The article: its title, text and names as links.
  await Promise.all([page.waitForURL(/view=article/), page.locator(".hits li h3 a").first().click()]);
  await page.locator("article h1").waitFor();
  assert.equal(await page.locator("article h1").textContent(), SEED_TITLE);
  assert.ok((await page.locator("article p").count()) > 3, "paragraphs are shown");
  await screenshot(page, "article");
  await accessible(page, "the article");

  // A person link: the person's page, with who else appears.
  await Promise.all([page.waitForURL(/view=person/), page.locator(".entities a", { hasText: "Mike Pompeo" }).click()]);
  await page.locator(".name-page h1").waitFor();
  assert.equal(await page.locator(".name-page h1").textContent(), "Mike Pompeo");
  assert.ok((await page.locator(".together li").count()) > 0, "who else appears");
  await screenshot(page, "person");
  await accessible(page, "the person page");

  // Back, and back again: the article, then the filtered search, as they were.
  await page.goBack();
  await page.locator("article h1").waitFor();
  assert.equal(await page.locator("article h1").textContent(), SEED_TITLE);
  await page.goBack();
  assert.equal(page.url(), filtered);
  await page.locator(".hits li").first().waitFor();
  assert.match(await page.locator(".filters").textContent(), /Mike Pompeo/);

  // A bar of the histogram narrows the dates.
  await page.goto(`${base}/?q=ferja`);
  await page.locator(".histogram a").first().waitFor();
  const before = await page.locator("#results-heading").textContent();
  await Promise.all([page.waitForURL(/from=2019-01-01&to=2019-12-31/), page.locator(".histogram a").first().click()]);
  await page.locator(".hits li").first().waitFor();
  assert.notEqual(await page.locator("#results-heading").textContent(), before);
  assert.match(await page.locator("#results-heading").textContent(), /^2 artikler$/);
  await screenshot(page, "histogram");

  // Paging: the next page starts where the first ended.
  await page.goto(`${base}/?q=film`);
  await Promise.all([page.waitForURL(/offset=10/), page.locator("a[rel=next]").click()]);
  await page.locator(".hits li").first().waitFor();
  assert.equal(await page.locator("ol.hits").getAttribute("start"), "11");

  // Markup in an article is text: in the hits and in the article.
  await page.goto(`${base}/?q=Nordlandsposten`);
  const xss = page.locator(".hits li h3 a").first();
  await xss.waitFor();
  assert.equal(await xss.textContent(), XSS_TITLE);
  assert.equal(await page.locator("#view img, #view script").count(), 0, "no element made of an article's text");
  await Promise.all([page.waitForURL(/view=article/), xss.click()]);
  await page.locator("article h1").waitFor();
  assert.equal(await page.locator("article h1").textContent(), XSS_TITLE);
  assert.equal(await page.locator("#view img, #view script, #view b").count(), 0);
  await screenshot(page, "markup");

  // English for a browser that asks for it.
  const en = await context.newPage();
  await en.addInitScript(() => Object.defineProperty(navigator, "languages", { get: () => ["en-GB", "en"] }));
  await en.goto(`${base}/?q=Pompeo%20Lavrov`);
  await en.locator(".hits li").first().waitFor();
  assert.equal(await en.locator("#search button").textContent(), "Search");
  assert.match(await en.locator("#results-heading").textContent(), /^1 article$/);
  assert.equal(await en.evaluate(() => document.documentElement.lang), "en");
  await accessible(en, "the results in English");
  await en.close();

  assert.deepEqual(problems, [], "the page ran without errors or dialogs");
  console.log("page: every check passed");
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
