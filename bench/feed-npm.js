// Peer for the feedgen speed benchmark: the npm "feed" package, Markdown
// rendered with "marked".
//
// usage: node bench/feed-npm.js [--yaml] COLLECTION OUTDIR
//
// Reads every *.md file under COLLECTION (the files bench/gen.py writes:
// front matter, a "# title" heading, Markdown), renders each body to HTML
// with marked and writes full-content OUTDIR/atom.xml (Atom 1.0) and
// OUTDIR/rss.xml (RSS 2.0) of all articles, newest first.
//
// --yaml: the front-matter shape (gen.py --shape frontmatter), read as
// Hugo's and npm's users read it: gray-matter (js-yaml) for the front
// matter (title, date, authors, sections, summary), no heading to drop.

import fs from "node:fs";
import path from "node:path";
import { Feed } from "feed";
import matter from "gray-matter";
import { marked } from "marked";

const BASE = "https://bench.example.com/";
const SUMMARY_CHARS = 140;

function usage() {
  process.stderr.write("usage: node feed-npm.js [--yaml] COLLECTION OUTDIR\n");
  process.exit(2);
}

// All *.md files below dir, in a stable order.
function walk(dir, out) {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && e.name.endsWith(".md")) out.push(p);
  }
  return out;
}

// Front matter between "---" lines at the top: "key: value", value
// optionally double-quoted.  Returns { meta, body } with body starting after
// the closing line.
function splitFrontMatter(text) {
  const meta = {};
  if (!text.startsWith("---\n")) return { meta, body: text };
  const end = text.indexOf("\n---\n", 3);
  if (end < 0) return { meta, body: text };
  for (const line of text.slice(4, end).split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim();
    let value = line.slice(colon + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1);
    meta[key] = value;
  }
  return { meta, body: text.slice(end + 5) };
}

// Drop the leading "# title" heading: the title comes from the front matter.
function dropTitleHeading(body) {
  const m = /^\s*# [^\n]*\n/.exec(body);
  return m ? body.slice(m[0].length) : body;
}

// First paragraph, cut at about SUMMARY_CHARS characters, at a sentence end
// when there is one in the second half.
function summarize(body) {
  const para = body.split(/\n\s*\n/).find((p) => p.trim() !== "" &&
    !p.startsWith("#")) || "";
  const chars = Array.from(para.trim());
  if (chars.length <= SUMMARY_CHARS) return chars.join("");
  let cut = SUMMARY_CHARS;
  for (let i = SUMMARY_CHARS - 1; i >= SUMMARY_CHARS / 2; i--) {
    if ("。！？".includes(chars[i])) {
      cut = i + 1;
      break;
    }
  }
  return chars.slice(0, cut).join("") + (cut === SUMMARY_CHARS ? "…" : "");
}

// One article of the front-matter shape, through gray-matter.
function yamlItem(file) {
  const { data, content } = matter(fs.readFileSync(file, "utf8"));
  const name = path.basename(file, ".md");
  const date = new Date(data.date);
  const list = (v) => (Array.isArray(v) ? v : v ? [v] : []);
  return {
    title: data.title || name,
    id: `tag:bench.example.com,${date.toISOString().slice(0, 10)}:${name}`,
    link: `${BASE}posts/${name}.html`,
    date,
    published: date,
    author: list(data.authors).map((a) => ({ name: a })),
    category: list(data.sections).map((s) => ({ name: s })),
    description: data.summary || summarize(content),
    content: marked.parse(content),
  };
}

function main() {
  const args = process.argv.slice(2);
  const yaml = args[0] === "--yaml";
  if (yaml) args.shift();
  const [collection, outdir] = args;
  if (!collection || !outdir) usage();

  const items = [];
  for (const file of walk(collection, [])) {
    if (yaml) {
      items.push(yamlItem(file));
      continue;
    }
    const { meta, body: raw } = splitFrontMatter(
      fs.readFileSync(file, "utf8"));
    const body = dropTitleHeading(raw);
    const date = new Date(meta.date);
    const rel = path.relative(collection, file).split(path.sep);
    const edition = rel.length > 1 ? rel[rel.length - 2] : "0000-00-00";
    const name = path.basename(file, ".md");
    const link = `${BASE}${edition}/${name}.html`;
    items.push({
      title: meta.title || name,
      id: `tag:bench.example.com,${edition}:${name}`,
      link,
      date,
      published: date,
      author: meta.author ? [{ name: meta.author }] : undefined,
      category: meta.section ? [{ name: meta.section }] : undefined,
      description: summarize(body),
      content: marked.parse(body),
    });
  }
  items.sort((a, b) => b.date - a.date);

  const feed = new Feed({
    id: BASE,
    title: "Bench",
    description: "Bench feed",
    link: BASE,
    language: "zh-CN",
    updated: items.length ? items[0].date : new Date(0),
    feedLinks: { atom: `${BASE}atom.xml`, rss: `${BASE}rss.xml` },
    generator: "feed (npm) with marked",
  });
  for (const item of items) feed.addItem(item);

  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(path.join(outdir, "atom.xml"), feed.atom1());
  fs.writeFileSync(path.join(outdir, "rss.xml"), feed.rss2());
}

main();
