// Precision and recall per rule on the labelled synthetic corpus (test/accuracy/).
//   npm run accuracy [-- --docs N] [-- --mistakes]
import { join } from 'node:path';
import { builtinEngine } from '../server/src/engine/builtin';
import { buildCorpus } from '../test/accuracy/corpus';
import { scoreCorpus } from '../test/accuracy/score';

const args = process.argv.slice(2);
const docs = Number(args[args.indexOf('--docs') + 1] || 3000);
const engine = builtinEngine(join(__dirname, '..', 'rules'));
const corpus = buildCorpus(docs);
const values = corpus.reduce((n, d) => n + d.labels.length, 0);
const chars = corpus.reduce((n, d) => n + d.text.length, 0);
const { scores, mistakes } = scoreCorpus(engine, corpus);
console.log(`corpus: ${docs} documents, ${(chars / 1e6).toFixed(1)} M characters, ${values} labelled values`);
console.log('rule                  TP      FP   FN   precision  recall');
for (const s of scores) {
  console.log(`${s.ruleId.padEnd(20)} ${String(s.truePositives).padStart(6)} ${String(s.falsePositives).padStart(6)} ${String(s.falseNegatives).padStart(4)}   ${s.precision.toFixed(4)}     ${s.recall.toFixed(4)}`);
}
if (args.includes('--mistakes')) for (const m of mistakes.slice(0, 50)) console.log(m);
else if (mistakes.length) console.log(`${mistakes.length} mistakes (run with --mistakes to list the first 50, values masked)`);
