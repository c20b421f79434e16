'use strict';
// node --test, against the server at $LEDE_ADDR.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { grpc, createClient, call, analyze, analyzeStream } = require('../client');

const ADDR = process.env.LEDE_ADDR;
const SEED = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'tests', 'fixtures', 'seed.txt'), 'utf8');
const skip = ADDR ? false : 'LEDE_ADDR is not set: start `lede serve` and set LEDE_ADDR=host:port';

test('lede.v1.ArticleService', { skip }, async (t) => {
  const client = createClient(ADDR);
  t.after(() => client.close());

  await t.test('AnalyzeArticle finds Maria Zakharova and her quotes', async () => {
    const res = await analyze(client, SEED, { id: 'seed', features: ['entities', 'quotes'] });
    assert.equal(res.document_id, 'seed');
    const person = res.entities.find((e) => e.name === 'Maria Zakharova');
    assert.ok(person, 'entity Maria Zakharova');
    assert.equal(person.type, 'ENTITY_TYPE_PERSON');
    assert.ok(res.quotes.some((q) => q.speaker_name === 'Maria Zakharova'));
  });

  await t.test('UTF-16 offsets slice JavaScript strings', async () => {
    const res = await analyze(client, SEED, { features: ['entities'], encoding: 'ENCODING_TYPE_UTF16' });
    const mentions = res.entities.flatMap((e) => e.mentions);
    assert.ok(mentions.length > 0);
    for (const m of mentions) assert.equal(res.text.slice(m.span.begin, m.span.end), m.text);
  });

  await t.test('ExtractQuotes names its speakers', async () => {
    const res = await call(client, 'ExtractQuotes', { document: { content: SEED } });
    const ids = new Set(res.speakers.map((s) => s.id));
    assert.ok(res.quotes.length > 0);
    for (const q of res.quotes) if (q.speaker_entity_id) assert.ok(ids.has(q.speaker_entity_id));
  });

  await t.test('no features is INVALID_ARGUMENT', async () => {
    await assert.rejects(analyze(client, SEED, { features: [] }), (err) => err.code === grpc.status.INVALID_ARGUMENT);
  });

  await t.test('BatchAnalyzeArticles fails only the bad article', async () => {
    const good = { document: { id: 'good', content: SEED }, features: { entities: true } };
    const bad = { document: { id: 'bad', content: SEED }, features: {} };
    const res = await call(client, 'BatchAnalyzeArticles', { requests: [good, bad] });
    assert.deepEqual(res.results.map((r) => [r.document_id, r.outcome]), [['good', 'response'], ['bad', 'error']]);
    assert.equal(res.results[1].error.code, grpc.status.INVALID_ARGUMENT);
  });

  await t.test('StreamAnalyzeArticles answers every article', async () => {
    const ids = ['a', 'b', 'c'];
    const results = await analyzeStream(client, ids.map((id) => ({ document: { id, content: SEED }, features: { quotes: true } })));
    assert.deepEqual(results.map((r) => r.document_id).sort(), ids);
    for (const r of results) assert.equal(r.outcome, 'response');
  });

  for (const [method, what] of [['ParseMetadata', 'metadata'], ['Summarize', 'summary']]) {
    await t.test(`${method} answers, or says it is not built yet`, async (st) => {
      try {
        const res = await call(client, method, { document: { content: SEED } });
        assert.ok(res[what], `${method} returns ${what}`);
      } catch (err) {
        if (err.code !== grpc.status.UNIMPLEMENTED) throw err;
        st.skip(`${what} not built yet: ${err.details}`);
      }
    });
  }
});
