import { parseArgs } from 'node:util';
import { Engine } from '../engine/engine';
import { loadRulePack } from '../engine/rules/loadRulePack';
import { testRuleExamples } from '../engine/rules/testExamples';
import { getValidator } from '../engine/validators';
import { langFromLocale, t } from '../l10n/messages';
import { readFileSync } from 'node:fs';
import { EXIT } from './exitCodes';
import { writeRuleDocs } from './ruleDocs';
import { UsageError } from './usageError';

/**
 * `sdguard rules [list] [--format text|json]`: the rules as loaded, with their validators.
 * `sdguard rules test [PACK.yaml...]`: runs every rule's examples (the built-in packs, or the given ones).
 * `sdguard rules docs DIR`: writes one page per rule (the build does this for docs/rules/).
 */
export function rulesCommand(args: string[], builtin: () => Engine): number {
  const sub = args[0] && !args[0].startsWith('-') ? args[0] : 'list';
  const rest = sub === args[0] ? args.slice(1) : args;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { format: { type: 'string', default: 'text' }, lang: { type: 'string' } } });
  const lang = langFromLocale(values.lang ?? process.env.LANG);
  switch (sub) {
    case 'list':
      return list(builtin(), values.format === 'json', lang);
    case 'test': {
      const engine = positionals.length ? new Engine(positionals.flatMap((file) => loadRulePack(readFileSync(file, 'utf8'), file).rules)) : builtin();
      const { tested, failures } = testRuleExamples(engine);
      for (const f of failures) {
        process.stdout.write(`FAIL ${f.ruleId}: ${t(lang, f.kind === 'valid' ? 'rules.test.valid' : 'rules.test.invalid', f.index, f.masked, f.found)}\n`);
      }
      process.stdout.write(`${t(lang, 'rules.test.summary', engine.rules.length, tested)}\n${t(lang, 'rules.test.passed', tested - failures.length, failures.length)}\n`);
      return failures.length ? EXIT.findings : EXIT.clean;
    }
    case 'docs': {
      if (positionals.length !== 1) throw new UsageError('usage.rulesDocs');
      const n = writeRuleDocs(positionals[0]);
      process.stdout.write(`${n} rule pages written to ${positionals[0]}\n`);
      return EXIT.clean;
    }
    default:
      throw new UsageError('usage.rulesCommand', sub);
  }
}

function list(engine: Engine, json: boolean, lang: 'en' | 'zh-CN'): number {
  if (json) {
    const rules = engine.rules.map((r) => ({ id: r.id, name: r.name, category: r.category, severity: r.severity, standard: r.standard, validator: r.validator, contextRequired: r.contextRequired }));
    process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
    return EXIT.clean;
  }
  const width = Math.max(...engine.rules.map((r) => r.id.length));
  for (const r of engine.rules) {
    const v = r.validator ? getValidator(r.validator) : undefined;
    const other = lang === 'en' ? 'zh-CN' : 'en';
    process.stdout.write(`${r.id.padEnd(width)}  ${r.category.padEnd(12)}  ${r.severity.padEnd(7)}  ${r.name[lang]} / ${r.name[other]}  [${r.standard}]${v ? `  validator: ${v.name}` : ''}${r.contextRequired ? '  (context required)' : ''}\n`);
  }
  return EXIT.clean;
}
