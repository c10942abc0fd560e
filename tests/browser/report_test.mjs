// SPDX-License-Identifier: Apache-2.0
// Browser test of report.html, as a person would use it: Debian's Chromium driven by
// playwright-core (no browser download). For several examples it runs `knead simulate --report`
// (and `knead report` on an existing folder), opens each page from the file system and checks:
// no console errors and no network requests; the verdict and advice are shown; the body map has
// coloured regions; every chart has data and draws it, with the evidence and limit the C side gives
// its columns; hovering a chart shows values; zooming one
// chart zooms all; long series are reduced without losing their peaks; strings with markup and
// script from the input files are shown as text and never run; a course has its section, one row
// per session. Screenshots go to --out.
//
//   node tests/browser/report_test.mjs --knead build/knead --out build/browser [--only NAME]
// Prints "N passed, M failed"; exits 1 on any failure.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.resolve(here, "../..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const knead = path.resolve(opt("--knead", path.join(src, "build/knead")));
const out = path.resolve(opt("--out", path.join(src, "build/browser")));
const browserPath = process.env.KN_CHROMIUM || "/usr/bin/chromium";
const only = opt("--only", null); /* one case by name (a developer's shortcut; make check runs all) */
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

let passed = 0, failed = 0;
function check(name, ok, detail) {
  if (ok) passed++;
  else {
    failed++;
    console.log(`FAIL ${name}${detail ? ": " + detail : ""}`);
  }
}

const ex = (p) => path.join(src, "examples", p);
const cases = [
  { name: "a10_spinal_accessory", subject: ex("subject_default.yaml"),
    session: ex("article/a10_spinal_accessory_deep_tissue.yaml"), advice: "spinal accessory",
    peak: "p_nerve_spinal_accessory_mmHg", marks: ["nerve"] },
  { name: "a19_cramp_relief", subject: ex("subject_cramp_prone.yaml"),
    session: ex("article/a19_cramp_relief.yaml"), advice: "stretch", marks: ["cramp"] },
  { name: "a1_untrained_abrupt_calf", subject: ex("subject_cramp_prone_dehydrated.yaml"),
    session: ex("article/a1_untrained_abrupt_calf.yaml"), advice: "smooth", marks: ["spasm"] },
  { name: "a9_rough_partner_neck", subject: ex("subject_default.yaml"),
    session: ex("article/a9_rough_partner_neck.yaml"), advice: "smooth", marks: ["bruise"] },
  // normal reflex responses (not spasms) get their own grey marker: the device's abrupt 45 N on the
  // calf evokes one (since post-activation depression, continuous stroking evokes none)
  { name: "device_calf_hold", subject: ex("subject_default.yaml"),
    session: ex("device_calf_hold.yaml"), marks: ["reflex"] },
  { name: "neck_shoulder_professional", subject: ex("subject_default.yaml"),
    session: ex("neck_shoulder_professional.yaml"), viaReportCommand: true },
  { name: "xss", subject: path.join(here, "xss_subject.yaml"),
    session: path.join(here, "xss_session.yaml"), xss: true },
  // a weekly course of 4 sessions (every: 7 d): the course section, days 0, 7, 14 and 21; the first
  // session starts at the default subject's resting pressure, 120/80 mmHg (docs/input.md)
  { name: "course_weekly_back", subject: ex("subject_default.yaml"),
    session: ex("course_weekly_back.yaml"), course: { sessions: 4, days: ["0.0", "7.0", "14.0", "21.0"],
    rest: "120.0/80.0" } },
].filter((c) => only === null || c.name === only);

// the same series as the page, read from timeseries.csv: the largest value of a column
function csvMax(file, column) {
  const lines = fs.readFileSync(file, "utf8").trim().split("\n");
  const c = lines[0].split(",").indexOf(column);
  let m = -Infinity;
  for (let i = 1; i < lines.length; i++) m = Math.max(m, parseFloat(lines[i].split(",")[c]));
  return { max: m, rows: lines.length - 1 };
}

const browser = await chromium.launch({
  executablePath: browserPath, headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

for (const c of cases) {
  const dir = path.join(out, c.name);
  try {
    if (c.viaReportCommand) {
      execFileSync(knead, ["simulate", c.subject, c.session, "-o", dir, "-q"]);
      check(`${c.name}: no report before knead report`, !fs.existsSync(path.join(dir, "report.html")));
      execFileSync(knead, ["report", dir]);
    } else {
      execFileSync(knead, ["simulate", c.subject, c.session, "-o", dir, "-q", "--report"]);
    }
  } catch (e) {
    check(`${c.name}: knead runs`, false, String(e.message).split("\n")[0]);
    continue;
  }
  const file = path.join(dir, "report.html");
  check(`${c.name}: report.html written`, fs.existsSync(file));

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [], dialogs = [], requests = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) requests.push(r.url()); });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector("body[data-ready='1']", { timeout: 15000 }).catch(() => {});

  await page.screenshot({ path: path.join(out, `${c.name}-top.png`) });
  check(`${c.name}: page ready`, await page.evaluate(() => document.body.dataset.ready === "1"));
  check(`${c.name}: no console errors`, errors.length === 0, errors.join(" | "));
  check(`${c.name}: no network requests`, requests.length === 0, requests.join(" "));

  // verdict first, then advice
  const top = await page.evaluate(() => {
    const v = document.getElementById("verdict"), a = document.getElementById("advice");
    return { verdict: v.textContent, order: v.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING,
             advice: [...document.querySelectorAll("#advice-list li")].map((li) => li.textContent) };
  });
  check(`${c.name}: verdict shown`, /Advice:/.test(top.verdict) && /expected|likely/i.test(top.verdict), top.verdict);
  check(`${c.name}: verdict before advice`, top.order !== 0);
  check(`${c.name}: advice listed`, top.advice.length > 0);
  if (c.advice)
    check(`${c.name}: advice mentions "${c.advice}"`, top.advice.some((t) => t.toLowerCase().includes(c.advice)),
          top.advice.join(" | ").slice(0, 300));

  // body map: both views, coloured regions, markers
  const map = await page.evaluate(() => {
    const touched = [...document.querySelectorAll("svg.body ellipse.region.touched")];
    return { views: document.querySelectorAll("svg.body").length, touched: touched.length,
             coloured: touched.filter((e) => /^rgb\(/.test(e.getAttribute("fill") || "")).length,
             marks: [...document.querySelectorAll("svg.body .marker")].map((m) => m.dataset.mark) };
  });
  check(`${c.name}: body map front and back`, map.views === 2, String(map.views));
  check(`${c.name}: body map has coloured regions`, map.touched > 0 && map.coloured === map.touched,
        `${map.coloured}/${map.touched}`);
  for (const k of c.marks || [])
    check(`${c.name}: body map marks a ${k}`, map.marks.includes(k), map.marks.join(","));

  // every chart has data and draws it
  const charts = await page.evaluate(() => [...document.querySelectorAll(".chart")].map((ch) => {
    const cv = ch.querySelector("canvas");
    let ink = 0;
    if (cv) {
      const px = cv.getContext("2d").getImageData(0, 0, cv.width, cv.height).data;
      for (let i = 3; i < px.length; i += 4) if (px[i] > 0) ink++;
    }
    return { group: ch.dataset.group, points: +ch.dataset.points, series: +ch.dataset.series, ink };
  }));
  check(`${c.name}: charts drawn`, charts.length >= 4, String(charts.length));
  for (const ch of charts)
    check(`${c.name}: chart ${ch.group} has data`, ch.points > 1 && ch.series > 0 && ch.ink > 200,
          JSON.stringify(ch));
  const sections = await page.evaluate(() => [...document.querySelectorAll(".chart-section")].map((s) => s.dataset.section));
  check(`${c.name}: force and nerve sections`, sections.includes("Force, pressure and pain"), sections.join(","));

  // what each chart says of its columns comes from the C side's description (D.series.columns):
  // the hands' contact has no evidence level of its own, pain is expert opinion (its build-up over
  // minutes is) with its limit
  const meta = await page.evaluate(() => [...document.querySelectorAll(".chart")].map((ch) =>
    ({ group: ch.dataset.group, evidence: ch.dataset.evidence, limit: ch.dataset.limit })));
  const hands = meta.filter((m) => m.group.startsWith("hand:"));
  check(`${c.name}: hand charts say model derived, not human data`,
        hands.length > 0 && hands.every((m) => m.evidence === "model derived"), JSON.stringify(hands));
  const pain = meta.find((m) => m.group === "region:pain_prob");
  check(`${c.name}: pain chart is expert opinion with the 0.5 limit`,
        pain !== undefined && pain.evidence === "expert opinion" && +pain.limit === 0.5, JSON.stringify(pain));

  // hovering a chart shows values in its legend (and, through the linked cursor, in the others)
  const over = page.locator(".chart .u-over").first();
  await over.scrollIntoViewIfNeeded();
  const box = await over.boundingBox();
  if (box) {
    await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.5);
    // the legends follow the cursor on the next animation frame: wait for them (at most 5 s)
    await page.waitForFunction(() => [...document.querySelectorAll(".chart")].every((ch) =>
      [...ch.querySelectorAll(".u-legend .u-series:not(:first-child) .u-value")].some((v) => /^-?\d/.test(v.textContent))),
      null, { timeout: 5000 }).catch(() => {});
    const vals = await page.evaluate(() => [...document.querySelectorAll(".chart")].map((ch) =>
      [...ch.querySelectorAll(".u-legend .u-series:not(:first-child) .u-value")].map((v) => v.textContent)));
    check(`${c.name}: hover shows values`, vals.length > 0 && vals[0].some((v) => /^-?\d/.test(v)), JSON.stringify(vals[0]));
    check(`${c.name}: linked cursor shows values on every chart`,
          vals.every((v) => v.some((x) => /^-?\d/.test(x))), JSON.stringify(vals.map((v) => v[0])));
    await page.screenshot({ path: path.join(out, `${c.name}-hover.png`), clip: { x: 0, y: Math.max(0, box.y - 60), width: 1280, height: Math.min(320, 900 - Math.max(0, box.y - 60)) } });
    // zoom one chart: all follow
    const before = await page.evaluate(() => { const x = window.knReport.plots[0].scales.x; return x.max - x.min; });
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction((w) => { const x = window.knReport.plots[0].scales.x; return x.max - x.min < w; },
      before, { timeout: 5000 }).catch(() => {});
    const scales = await page.evaluate(() => window.knReport.plots.map((p) => [p.scales.x.min, p.scales.x.max]));
    const first = scales[0];
    check(`${c.name}: zoom narrows the time axis`, first[1] - first[0] < 0.5 * before, JSON.stringify(first));
    check(`${c.name}: zoom is linked`, scales.every((s) => Math.abs(s[0] - first[0]) < 1e-9 && Math.abs(s[1] - first[1]) < 1e-9));
    await page.mouse.dblclick(box.x + box.width * 0.5, box.y + box.height * 0.5);
  } else check(`${c.name}: chart area found`, false);

  // peaks survive the reduction for display
  if (c.peak) {
    const csv = csvMax(path.join(dir, "timeseries.csv"), c.peak);
    const shown = await page.evaluate((col) => {
      const D = JSON.parse(document.getElementById("kn-data").textContent);
      const i = D.series.names.indexOf(col);
      return { max: Math.max(...D.series.cols[i]), n: D.series.cols[0].length, rows: D.series.rows };
    }, c.peak);
    check(`${c.name}: series reduced for display`, shown.n <= 2000 && shown.n < csv.rows, `${shown.n} of ${csv.rows}`);
    check(`${c.name}: peak of ${c.peak} kept`, Math.abs(shown.max - csv.max) <= 1e-5 * Math.abs(csv.max),
          `${shown.max} vs ${csv.max}`);
  }

  // a course: its section, one row per session, evidence levels; hidden for a single session
  const crs = await page.evaluate(() => {
    const sec = document.getElementById("course"), nav = document.getElementById("nav-course");
    const rows = [...document.querySelectorAll("#course-sessions tr")].slice(1).map((tr) =>
      [...tr.children].map((td) => td.textContent));
    return { hidden: sec.hidden, navHidden: nav.hidden, text: sec.textContent, rows,
             ev: [...sec.querySelectorAll(".ev")].map((e) => e.textContent),
             verdict: document.getElementById("verdict").textContent };
  });
  if (c.course) {
    check(`${c.name}: course section shown`, !crs.hidden && !crs.navHidden);
    check(`${c.name}: a row per session`, crs.rows.length === c.course.sessions, String(crs.rows.length));
    check(`${c.name}: sessions numbered and on their days`,
          crs.rows.every((r, i) => r[0] === String(i + 1) && r[1] === c.course.days[i]),
          JSON.stringify(crs.rows.map((r) => r.slice(0, 2))));
    check(`${c.name}: first session at the subject's resting pressure`, crs.rows.length > 0 && crs.rows[0][2] === c.course.rest,
          crs.rows.length ? crs.rows[0][2] : "");
    check(`${c.name}: later sessions start from the carried pressure`,
          crs.rows.length > 1 && crs.rows.slice(1).every((r) => r[3] !== "0.0/0.0"), JSON.stringify(crs.rows.map((r) => r[3])));
    check(`${c.name}: course outcomes carry evidence levels`,
          crs.ev.includes("human data") && crs.ev.includes("expert opinion") && !crs.ev.includes("evidence not given"),
          crs.ev.join(","));
    check(`${c.name}: the verdict names the course`, crs.verdict.includes(`A course of ${c.course.sessions} sessions`), crs.verdict);
    check(`${c.name}: says the charts are the first session's`, crs.text.includes("first session's"));
    await page.locator("#course").screenshot({ path: path.join(out, `${c.name}-course.png`) });
  } else {
    check(`${c.name}: no course section for a single session`, crs.hidden && crs.navHidden && crs.rows.length === 0);
  }

  if (c.xss) {
    const x = await page.evaluate(() => ({
      pwned: window.__kn_pwned, title: document.title, h1: document.getElementById("title").textContent,
      subject: document.getElementById("input-tables").textContent,
      scripts: document.querySelectorAll("script").length, imgs: document.querySelectorAll("img").length,
      svgs: document.querySelectorAll("svg:not(.body)").length,
    }));
    check("xss: no payload ran", x.pwned === undefined, String(x.pwned));
    check("xss: no dialog opened", dialogs.length === 0, dialogs.join(" | "));
    check("xss: session name shown as text in the title", x.h1 === "</script><script>window.__kn_pwned=2</script>", x.h1);
    check("xss: title element holds the text", x.title.includes("</script><script>"), x.title);
    check("xss: subject name shown as text", x.subject.includes("<img src=x onerror="), x.subject.slice(0, 200));
    check("xss: labels shown as text", x.subject.includes("<svg onload=") && x.subject.includes("\u2028"), "");
    check("xss: no injected elements", x.scripts === 4 && x.imgs === 0, JSON.stringify(x));
    // hovering over the labels (a payload could wait for a mouseover)
    await page.hover("#input-tables table:last-of-type tr:last-child td:nth-child(3)").catch(() => {});
    check("xss: still nothing ran after hovering", (await page.evaluate(() => window.__kn_pwned)) === undefined);
  }

  await page.screenshot({ path: path.join(out, `${c.name}.png`), fullPage: true });
  await context.close();
}
await browser.close();


console.log(`screenshots: ${out}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
