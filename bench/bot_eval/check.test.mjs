// Checks the demo help center and the bot's evaluation set against the topic list:
// every topic has an English article, slugs are unique, front matter is complete, German
// articles name an existing English original, and every question names a known topic (or `-`).
// Run: node --test bench/bot_eval/check.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const articlesDir = join(root, 'src/demo/helpcenter/articles');
// A copy of ../shared/data/helpcenter/topics.md, kept beside the articles.
const topicsFile = join(root, 'src/demo/helpcenter/topics.md');
const kFields = ['title', 'slug', 'category', 'topic', 'tags', 'language'];
const kCategories = new Set(['Shipping & delivery', 'Returns & refunds', 'Orders & payment',
  'Loyalty & rewards', 'Devices & setup', 'Software & subscriptions', 'Account & privacy',
  'Services & support']);

function topicIds() {
  const text = readFileSync(topicsFile, 'utf8');
  return [...text.matchAll(/^\| ([a-z][a-z-]+) \|/gm)].map((m) => m[1]).filter((id) => id !== 'id');
}

function parseArticle(file) {
  const text = readFileSync(join(articlesDir, file), 'utf8');
  const m = text.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/);
  assert.ok(m, `${file}: front matter`);
  const meta = {};
  for (const line of m[1].split('\n')) {
    const i = line.indexOf(': ');
    assert.ok(i > 0, `${file}: front matter line "${line}"`);
    meta[line.slice(0, i)] = line.slice(i + 2);
  }
  return { file, meta, body: m[2] };
}

const articles = readdirSync(articlesDir).filter((f) => f.endsWith('.md')).map(parseArticle);
const topics = topicIds();

test('the topic list is found', () => assert.ok(topics.length >= 40, topicsFile));

test('every article has complete front matter, a known category and a sane length', () => {
  for (const { file, meta, body } of articles) {
    for (const f of kFields) assert.ok(meta[f], `${file}: ${f}`);
    assert.equal(`${meta.slug}.md`, file, `${file}: slug matches the file name`);
    assert.ok(kCategories.has(meta.category), `${file}: category ${meta.category}`);
    assert.ok(topics.includes(meta.topic), `${file}: topic ${meta.topic}`);
    const words = body.split(/\s+/).filter(Boolean).length;
    assert.ok(words >= 120 && words <= 400, `${file}: ${words} words`);
    assert.doesNotMatch(body, /<[a-z][^>]*>/i, `${file}: raw HTML`);
    assert.doesNotMatch(body, /!\[/, `${file}: images`);
  }
});

test('slugs are unique', () => {
  const slugs = articles.map((a) => a.meta.slug);
  assert.equal(new Set(slugs).size, slugs.length);
});

test('every topic has an English article', () => {
  const covered = new Set(articles.filter((a) => a.meta.language === 'en').map((a) => a.meta.topic));
  assert.deepEqual(topics.filter((t) => !covered.has(t)), []);
});

test('translations name an English original of the same topic', () => {
  const bySlug = new Map(articles.map((a) => [a.meta.slug, a.meta]));
  for (const { file, meta } of articles.filter((a) => a.meta.language !== 'en')) {
    const original = bySlug.get(meta.translation_of);
    assert.ok(original && original.language === 'en', `${file}: translation_of`);
    assert.equal(meta.topic, original.topic, `${file}: topic`);
    assert.equal(meta.slug, `${original.slug}-${meta.language}`, `${file}: slug`);
  }
});

test('links between articles point to existing slugs', () => {
  const slugs = new Set(articles.map((a) => a.meta.slug));
  for (const { file, body } of articles) {
    for (const [, target] of body.matchAll(/\]\(([^)\s]+)\)/g)) {
      assert.ok(slugs.has(target), `${file}: link to ${target}`);
    }
  }
});

test('every question names a known topic, and the set is big enough', () => {
  const lines = readFileSync(join(root, 'bench/bot_eval/questions.tsv'), 'utf8').split('\n');
  assert.equal(lines[0], 'language\ttopic\tquestion');
  const rows = lines.slice(1).filter((l) => l !== '').map((l) => l.split('\t'));
  const perTopic = new Map();
  const seen = new Set();
  for (const row of rows) {
    assert.equal(row.length, 3, `columns: ${row.join(' | ')}`);
    const [language, topic, question] = row;
    assert.match(language, /^(en|de)$/, question);
    assert.ok(topic === '-' || topics.includes(topic), `unknown topic ${topic}`);
    assert.ok(question.trim().length > 0);
    assert.ok(!seen.has(question), `duplicate: ${question}`);
    seen.add(question);
    perTopic.set(topic, (perTopic.get(topic) ?? 0) + 1);
  }
  for (const t of topics) assert.ok((perTopic.get(t) ?? 0) >= 3, `${t}: ${perTopic.get(t) ?? 0}`);
  assert.ok(rows.length - (perTopic.get('-') ?? 0) >= 150);
  assert.ok((perTopic.get('-') ?? 0) >= 30);
  assert.ok(rows.filter((r) => r[0] === 'de').length >= 20);
});
