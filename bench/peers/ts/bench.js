// The official TypeScript SDK (@anthropic-ai/sdk, pinned in package.json) doing
// what bench/am_floor.cpp does, against the same am-mock-server: a warm
// models.retrieve and list-all with 1000-model pages (the SDK's auto-pagination
// follows has_more/last_id), every id read. One client, maxRetries 0, rounds
// interleaving the two kinds, one sample per call.
// Prints `result ts_<kind> median_us M p10_us A p90_us B n N [items I]`.
// Usage: node bench.js BASE_URL [ROUNDS] [LIST_CALLS_PER_ROUND] [GET_CALLS_PER_ROUND]
'use strict';
const Anthropic = require('@anthropic-ai/sdk');

const [baseURL, rounds = '20', listCalls = '10', getCalls = '200'] = process.argv.slice(2);
const MODEL = 'claude-opus-4-6';
const client = new Anthropic({ apiKey: 'x', baseURL, maxRetries: 0 });

async function listAll() {
  let ids = 0;
  for await (const m of client.models.list({ limit: 1000 })) if (m.id) ids++;
  return ids;
}
async function get() {
  const m = await client.models.retrieve(MODEL);
  if (!m.id) throw new Error('no id');
  return 1;
}

function pct(v, p) {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.round(p * (s.length - 1))];
}

(async () => {
  const kinds = [
    { name: 'ts_list_all', calls: +listCalls, fn: listAll, us: [], items: 0, list: true },
    { name: 'ts_get', calls: +getCalls, fn: get, us: [], items: 0 },
  ];
  for (const k of kinds)  // warm-up: connection, JIT
    for (let i = 0; i < Math.max(20, k.calls); i++) k.items = await k.fn();
  for (let r = 0; r < +rounds; r++)
    for (let j = 0; j < kinds.length; j++) {
      const k = kinds[(j + r) % kinds.length];
      for (let i = 0; i < k.calls; i++) {
        const t0 = process.hrtime.bigint();
        await k.fn();
        k.us.push(Number(process.hrtime.bigint() - t0) / 1000);
      }
    }
  for (const k of kinds)
    console.log(`result ${k.name} median_us ${pct(k.us, 0.5).toFixed(1)} p10_us ${pct(k.us, 0.1).toFixed(1)} ` +
                `p90_us ${pct(k.us, 0.9).toFixed(1)} n ${k.us.length}` + (k.list ? ` items ${k.items}` : ''));
})().catch((e) => { console.error('ts bench:', e.message); process.exit(1); });
