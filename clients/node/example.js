'use strict';
// node example.js [FILE]  — analyzes FILE (default: the seed article) on the
// server at $LEDE_ADDR (default 127.0.0.1:50051) and prints who said what.
const fs = require('node:fs');
const path = require('node:path');
const { createClient, analyze } = require('./client');

async function main() {
  const file = process.argv[2] || path.resolve(__dirname, '..', '..', 'tests', 'fixtures', 'seed.txt');
  const client = createClient(process.env.LEDE_ADDR || '127.0.0.1:50051');
  try {
    const res = await analyze(client, fs.readFileSync(file, 'utf8'), { id: path.basename(file), features: ['entities', 'quotes'] });
    for (const e of res.entities.slice(0, 5)) console.log(`${e.type.replace('ENTITY_TYPE_', '')}\t${e.name}`);
    for (const q of res.quotes) console.log(`${q.speaker_name || q.speaker || '?'} (${q.type}): ${q.text}`);
  } finally {
    client.close();
  }
}

main().catch((err) => {
  console.error(`lede: ${err.code !== undefined ? `code ${err.code}: ` : ''}${err.details || err.message}`);
  process.exit(1);
});
