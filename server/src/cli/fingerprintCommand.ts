/**
 * `sdguard fingerprint`: the keyed fingerprint of each value read from standard input (one per
 * line), for the `allow:` list of a `.sdguard.yaml`, so that an allowed real value need not be
 * written there in clear. The value is never echoed: standard output gets `fp:HEX` per line,
 * standard error the rule and the masked value.
 */
import { parseArgs } from 'node:util';
import { builtinEngine } from '../engine/builtin';
import { Engine } from '../engine/engine';
import { fingerprint } from '../engine/redact/operators';
import { maskValue } from '../engine/redact/mask';
import { langFromLocale, t, type Lang } from '../l10n/messages';
import { ConfigResolver } from '../config/resolver';
import { EXIT } from './exitCodes';
import { KeyError, loadKey } from './keySource';
import { UsageError } from './usageError';

export async function fingerprintCommand(args: string[], usage: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      rule: { type: 'string' },
      'key-file': { type: 'string' },
      'no-config': { type: 'boolean', default: false },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    return EXIT.clean;
  }
  if (positionals.length) throw new UsageError('usage.fingerprintStdin');
  const lang: Lang = langFromLocale(values.lang ?? process.env.LANG);
  let key: Uint8Array | undefined;
  try {
    key = loadKey(values['key-file'], process.env, [], lang)?.key;
  } catch (e) {
    if (!(e instanceof KeyError)) throw e;
    process.stderr.write(`sdguard: ${e.message}\n`);
    return EXIT.error;
  }
  if (!key) {
    process.stderr.write(`sdguard: ${t(lang, 'fingerprint.needsKey')}\n`);
    return EXIT.error;
  }
  // The rules that can tell what a value is: built-in and the working folder's custom rules
  // (all of them, even those turned off or allowed: the point is to name the value).
  const builtin = builtinEngine();
  let rules = builtin.rules;
  if (!values['no-config']) {
    const resolver = new ConfigResolver({ builtinIds: new Set(builtin.rules.map((r) => r.id)) });
    const r = resolver.resolveDir(process.cwd());
    if (r.state?.error) {
      const e = r.state.error;
      process.stderr.write(`sdguard: ${t(lang, 'cli.error')}: ${e.message}\n`);
      return EXIT.error;
    }
    if (r.config) rules = [...rules, ...r.config.customRules];
  }
  const engine = new Engine(rules);
  if (values.rule !== undefined && !engine.rule(values.rule)) throw new UsageError('usage.unknownRule', values.rule);
  if ((stdin as { isTTY?: boolean }).isTTY) process.stderr.write(`${t(lang, 'fingerprint.prompt')}\n`);

  let text = '';
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  let failed = 0;
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, i) => {
      const value = line.trim();
      if (!value) return;
      let ruleId = values.rule;
      let raw = value;
      if (ruleId === undefined) {
        // The finding that covers most of the line names the type.
        const found = engine.scan(value, { kind: 'plain', minConfidence: 'low' }).sort((a, b) => b.end - b.start - (a.end - a.start));
        if (found.length === 0) {
          process.stderr.write(`sdguard: ${t(lang, 'fingerprint.unknown', i + 1)}\n`);
          failed++;
          return;
        }
        ruleId = found[0].ruleId;
        raw = value.slice(found[0].start, found[0].end);
      }
      process.stdout.write(`fp:${fingerprint(key!, ruleId, raw)}\n`);
      process.stderr.write(`${t(lang, 'fingerprint.line', i + 1, ruleId, maskValue(raw, engine.rule(ruleId)!.mask))}\n`);
    });
  return failed ? EXIT.error : EXIT.clean;
}
