import { parseArgs } from 'node:util';
import type { Engine } from '../engine/engine';
import { getValidator } from '../engine/validators';
import { langFromLocale } from '../l10n/messages';

/** `sdguard rules [--format text|json]`: the rule set as loaded, with validators. */
export function rulesCommand(args: string[], engine: Engine): number {
  const { values } = parseArgs({ args, options: { format: { type: 'string', default: 'text' }, lang: { type: 'string' } } });
  const lang = langFromLocale(values.lang ?? process.env.LANG);
  if (values.format === 'json') {
    const rules = engine.rules.map((r) => ({ id: r.id, name: r.name, category: r.category, severity: r.severity, standard: r.standard, validator: r.validator }));
    process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...engine.rules.map((r) => r.id.length));
  for (const r of engine.rules) {
    const v = r.validator ? getValidator(r.validator) : undefined;
    process.stdout.write(`${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.name[lang]}  [${r.standard}]${v ? `  validator: ${v.name}` : ''}\n`);
  }
  return 0;
}
