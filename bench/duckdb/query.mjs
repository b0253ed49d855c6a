// SPDX-License-Identifier: GPL-3.0-or-later
// The bench-share query in DuckDB, on the CSV files that bench-store-load
// writes: node query.mjs DIR UNKNOWN_COUNTRY [HUBECO_MS]
// The data goes into DuckDB tables first (not timed); the query is timed,
// best of 3, like HubEco's recompute.
import { DuckDBInstance } from '@duckdb/node-api';

const [dir = '../out', unknown = '40', hubecoMs] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();

let t0 = performance.now();
await con.run(`CREATE TABLE models AS SELECT * FROM read_csv('${dir}/models.csv', header = true,
  columns = {'m': 'UINTEGER', 'cat': 'UINTEGER', 'created': 'BIGINT'})`);
await con.run(`CREATE TABLE obs AS SELECT * FROM read_csv('${dir}/obs.csv', header = true,
  columns = {'t': 'BIGINT', 'm': 'UINTEGER', 'v': 'UINTEGER'})`);
const rows = (await con.runAndReadAll('SELECT count(*) FROM obs')).getRows()[0][0];
console.log(`duckdb: loaded ${rows} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const sql = `WITH c AS (SELECT o.t, mo.cat, sum (o.v) AS x FROM obs o JOIN models mo ON mo.m = o.m
    WHERE mo.created != 1646263744 AND mo.created > o.t - 365 * 86400 GROUP BY 1, 2),
  k AS (SELECT t, sum (x) AS xt FROM c WHERE cat != ${unknown} GROUP BY 1)
  SELECT c.t, sum (x) AS total, sum (CASE WHEN cat != ${unknown} THEN (x / xt) * (x / xt) END) AS hhi
  FROM c JOIN k ON k.t = c.t GROUP BY c.t ORDER BY c.t`;

let best = Infinity, result;
for (let r = 0; r < 3; r++) {
  t0 = performance.now();
  result = (await con.runAndReadAll(sql)).getRows();
  best = Math.min(best, performance.now() - t0);
}
const total = result.reduce((s, row) => s + BigInt(row[1]), 0n);
const last = result[result.length - 1];
console.log(`duckdb same query: min of 3 ${best.toFixed(0)} ms; ${result.length} weeks, total ${total},` +
            ` last week HHI ${Number(last[2]).toFixed(6)}`);
if (hubecoMs)
  console.log(`duckdb / HubEco = ${(best / Number(hubecoMs)).toFixed(1)}x`);
