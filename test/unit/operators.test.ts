import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyEdits, redactionEdits } from '../../server/src/engine/redact/edits';
import { fingerprint, MissingKeyError, OPERATORS, pseudonym, replacement, type Operator, type RedactOptions } from '../../server/src/engine/redact/operators';
import { loadRulePack } from '../../server/src/engine/rules/loadRulePack';
import { RuleFileError } from '../../server/src/engine/rules/ruleFileError';
import type { FileKind, Finding } from '../../server/src/engine/types';
import { builtinEngine } from '../support/engine';
import { makeRng, pick, synthBankCard, synthMobile, synthResidentId, synthUscc } from '../support/synth';
import { synthBankAccount, synthHkid } from '../support/synthCn';
import { fullWidth, groups, inContext, SAMPLES } from './operatorSamples';

const engine = builtinEngine();
const ruleOf = (id: string) => engine.rule(id);
const KEY = Buffer.from('operators-test-key-0123456789abcdef');
const TOKEN = /^[A-Z][A-Z0-9]*_[0-9A-HJKMNP-TV-Z]{12}$/;
const keyArb = fc.uint8Array({ minLength: 16, maxLength: 32 });

function run(text: string, kind: FileKind, options: RedactOptions): { findings: Finding[]; out: string } {
  const findings = engine.scan(text, { kind });
  return { findings, out: applyEdits(text, redactionEdits(text, findings, ruleOf, options)) };
}

/** A CSV export with values of several rules (context-only ones under their headers). */
function sheet(seed: number, rows: number): string {
  const rng = makeRng(seed);
  const out = ['姓名,身份证号,银行卡号,手机号,对公账号,统一社会信用代码,香港身份证,备注'];
  for (let i = 0; i < rows; i++) {
    const card = synthBankCard(rng, pick(rng, ['unionpay', 'visa', 'mastercard'] as const));
    const cardWritten = rng() < 0.5 ? card : card.replace(/(.{4})(?=.)/g, '$1 ');
    out.push([`员工${i}`, synthResidentId(rng), cardWritten, synthMobile(rng), synthBankAccount(rng, { length: 15 }), synthUscc(rng), synthHkid(rng), `第${i}行`].join(','));
  }
  return out.join('\n') + '\n';
}

/** Plain text with hotwords and values in several spellings. */
function letter(seed: number): string {
  const rng = makeRng(seed);
  const id = synthResidentId(rng);
  const m = synthMobile(rng);
  return [
    `身份证号：${id}，复核：${groups(id, [6, 8, 4])}`,
    `手机 +86 ${groups(m, [3, 4, 4])} / ${m}`,
    `银行卡号 ${synthBankCard(rng)}`,
    `对公账号：${synthBankAccount(rng, { length: 19 })}`,
    `SSN: ${SAMPLES['us-ssn'].layouts(SAMPLES['us-ssn'].value(rng))[0]}`,
    `IBAN: ${SAMPLES.iban.layouts(SAMPLES.iban.value(rng))[0]}`,
  ].join('\n');
}

describe('redaction operators', () => {
  const keyless: Operator[] = ['mask', 'redact'];
  const docs: [string, FileKind][] = [
    [sheet(7, 60), 'csv'],
    [letter(8), 'plain'],
    [letter(9), 'plain'],
  ];

  for (const operator of ['mask', 'redact', 'pseudonymize'] as Operator[]) {
    describe(operator, () => {
      const options: RedactOptions = { operator, lang: 'zh-CN', ...(keyless.includes(operator) ? {} : { key: KEY }) };

      it('changes only the findings; a re-scan finds nothing; redacting again changes nothing', () => {
        for (const [text, kind] of docs) {
          const { findings, out } = run(text, kind, options);
          assert.ok(findings.length > 5);
          // Outside the findings, the text is untouched, character for character.
          let pos = 0;
          let outPos = 0;
          for (const f of [...findings].sort((a, b) => a.start - b.start)) {
            assert.equal(out.slice(outPos, outPos + f.start - pos), text.slice(pos, f.start));
            outPos += f.start - pos;
            const r = replacement(text.slice(f.start, f.end), engine.rule(f.ruleId)!, options);
            assert.equal(out.slice(outPos, outPos + r.length), r);
            outPos += r.length;
            pos = f.end;
          }
          assert.equal(out.slice(outPos), text.slice(pos));
          if (operator === 'mask') assert.equal(out.length, text.length);
          assert.deepEqual(engine.scan(out, { kind }), [], 'nothing is found in the redacted text');
          assert.equal(run(out, kind, options).out, out, 'idempotent');
        }
      });

      it('property: any mix of rules and spellings, in plain text and CSV', () => {
        fc.assert(
          fc.property(
            fc.array(fc.tuple(fc.constantFrom(...Object.keys(SAMPLES)), fc.integer(), fc.nat()), { minLength: 1, maxLength: 6 }),
            fc.constantFrom<FileKind>('plain', 'csv'),
            keyArb,
            (picks, kind, key) => {
              const parts = picks.map(([ruleId, seed, layout]) => {
                const sample = SAMPLES[ruleId];
                const value = sample.value(makeRng(seed));
                const layouts = sample.layouts(value);
                return inContext(sample, layouts[layout % layouts.length], 'plain').text;
              });
              // CSV: one column of labelled values (the labels give each value its context).
              const text = kind === 'csv' ? `说明\n${parts.map((p) => `"${p.replace(/\n/g, ' ')}"`).join('\n')}\n` : parts.join('');
              const opts = { ...options, ...(options.key ? { key } : {}) };
              const { findings, out } = run(text, kind, opts);
              assert.ok(findings.length >= 1);
              const redacted = new Set(findings.map((f) => f.ruleId));
              const again = engine.scan(out, { kind });
              assert.deepEqual(again.filter((f) => redacted.has(f.ruleId)), [], 'nothing of the redacted rules is found again');
              assert.equal(run(out, kind, opts).out, out, 'idempotent');
              // Only finding spans change: what lies between them is the same text.
              const between = (t: string, spans: { start: number; end: number }[]) => {
                const pieces: string[] = [];
                let p = 0;
                for (const s of spans) {
                  pieces.push(t.slice(p, s.start));
                  p = s.end;
                }
                pieces.push(t.slice(p));
                return pieces;
              };
              const edits = redactionEdits(text, findings, ruleOf, opts);
              let shift = 0;
              const outSpans = edits.map((e) => {
                const s = { start: e.start + shift, end: e.start + shift + e.newText.length };
                shift += e.newText.length - (e.end - e.start);
                return s;
              });
              assert.deepEqual(between(out, outSpans), between(text, edits));
            },
          ),
          { numRuns: 150 },
        );
      });
    });
  }

  describe('mask policies', () => {
    it('keeps length and separators, by the rule policy or a configured override', () => {
      const rule = engine.rule('bank-card')!;
      assert.equal(replacement('6222 0252 6018 1590 832', rule, { operator: 'mask', lang: 'en' }), '6222 02** **** ***0 832');
      const options: RedactOptions = { operator: 'mask', lang: 'en', maskPolicies: { 'bank-card': { keepStart: 0, keepEnd: 4, char: '#' } } };
      assert.equal(replacement('6222 0252 6018 1590 832', rule, options), '#### #### #### ###0 832');
      // An override of another rule leaves this one alone; an undefined field keeps the rule's.
      assert.equal(replacement('4111-1111-1111-1111', rule, { operator: 'mask', lang: 'en', maskPolicies: { 'cn-mobile': { keepStart: 0 }, 'bank-card': { keepEnd: undefined } } }), '4111-11**-****-1111');
    });
  });

  describe('redact placeholders', () => {
    it('writes the type in the user language, or a fixed string', () => {
      const rule = engine.rule('cn-resident-id')!;
      const id = synthResidentId(makeRng(3));
      assert.equal(replacement(id, rule, { operator: 'redact', lang: 'zh-CN' }), '[身份证号]');
      assert.equal(replacement(id, rule, { operator: 'redact', lang: 'en' }), '[ID NUMBER]');
      assert.equal(replacement(id, rule, { operator: 'redact', lang: 'en', placeholder: '<removed>' }), '<removed>');
      const text = `身份证号 ${id}，银行卡 ${synthBankCard(makeRng(4))}`;
      const { out } = run(text, 'plain', { operator: 'redact', lang: 'en', placeholder: '***' });
      assert.equal(out, '身份证号 ***，银行卡 ***');
      assert.equal(run(out, 'plain', { operator: 'redact', lang: 'en', placeholder: '***' }).out, out);
    });
  });

  describe('pseudonym tokens', () => {
    it('gives PREFIX_ + 12 base32 characters, the rule token as prefix', () => {
      for (const [ruleId, sample] of Object.entries(SAMPLES)) {
        const rule = engine.rule(ruleId)!;
        const token = replacement(sample.value(makeRng(1)), rule, { operator: 'pseudonymize', lang: 'en', key: KEY });
        assert.match(token, TOKEN, ruleId);
        assert.ok(token.startsWith(`${rule.token}_`), ruleId);
        assert.match(token.slice(rule.token.length + 1), /[A-Z]/, 'a token always holds a letter');
      }
      assert.ok(replacement(synthResidentId(makeRng(2)), engine.rule('cn-resident-id')!, { operator: 'pseudonymize', lang: 'en', key: KEY }).startsWith('ID_'));
      assert.ok(replacement(synthBankCard(makeRng(2)), engine.rule('bank-card')!, { operator: 'pseudonymize', lang: 'en', key: KEY }).startsWith('CARD_'));
    });

    it('the same value in any spelling gives the same token; another value or key another token', () => {
      fc.assert(
        fc.property(fc.constantFrom(...Object.keys(SAMPLES)), fc.integer(), fc.integer(), keyArb, keyArb, (ruleId, seed, seed2, key, other) => {
          fc.pre(Buffer.compare(Buffer.from(key), Buffer.from(other)) !== 0);
          const rule = engine.rule(ruleId)!;
          const sample = SAMPLES[ruleId];
          const value = sample.value(makeRng(seed));
          const token = pseudonym(value, rule, key);
          const spellings = [...sample.layouts(value), fullWidth(value), value.toLowerCase()].filter((w) => w.replace(/[^0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, '').length === value.length);
          for (const w of spellings) assert.equal(pseudonym(w, rule, key), token, `${ruleId}: ${w.length} chars`);
          assert.notEqual(pseudonym(value, rule, other), token);
          const value2 = sample.value(makeRng(seed2));
          if (value2 !== value) assert.notEqual(pseudonym(value2, rule, key), token);
        }),
        { numRuns: 300 },
      );
    });

    it('joins the same card written two ways, and a mobile number with or without +86', () => {
      const options: RedactOptions = { operator: 'pseudonymize', lang: 'en', key: KEY };
      const card = synthBankCard(makeRng(10), 'unionpay', { length: 16 });
      assert.equal(replacement(groups(card, [4, 4, 4, 4]), engine.rule('bank-card')!, options), replacement(card, engine.rule('bank-card')!, options));
      const m = synthMobile(makeRng(11));
      const mobile = engine.rule('cn-mobile')!;
      for (const w of [`+86 ${m}`, `+86 ${groups(m, [3, 4, 4])}`, `0086${m}`, `86${m}`, groups(m, [3, 4, 4], '-')]) {
        assert.equal(replacement(w, mobile, options), replacement(m, mobile, options));
      }
      // Across files: a CSV and a text file give the same token for the same value.
      const id = synthResidentId(makeRng(12));
      const a = run(`身份证号\n${id}\n`, 'csv', options).out.trim().split('\n')[1];
      const b = run(`身份证号：${id}`, 'plain', options).out.slice('身份证号：'.length);
      assert.equal(a, b);
      assert.match(a, /^ID_/);
    });
  });

  describe('keys', () => {
    it('pseudonymize and fake need a key: MissingKeyError before anything is changed', () => {
      const text = sheet(1, 5);
      const findings = engine.scan(text, { kind: 'csv' });
      for (const operator of ['pseudonymize', 'fake'] as Operator[]) {
        for (const key of [undefined, new Uint8Array(0)]) {
          assert.throws(() => redactionEdits(text, findings, ruleOf, { operator, lang: 'en', key }), (e: unknown) => {
            assert.ok(e instanceof MissingKeyError);
            assert.equal(e.operator, operator);
            assert.match(e.message, /Set pseudonymization key/);
            assert.match(e.message, /SDGUARD_KEY/);
            assert.match(e.message, /--key-file/);
            return true;
          });
          // Even with no findings: the options are wrong, whatever the text.
          assert.throws(() => redactionEdits('', [], ruleOf, { operator, lang: 'en', key }), MissingKeyError);
          assert.throws(() => replacement('x', engine.rule('cn-mobile')!, { operator, lang: 'en', key }), MissingKeyError);
        }
        assert.throws(() => redactionEdits(text, findings, ruleOf, { operator, lang: 'zh-CN' }), (e: unknown) => e instanceof MissingKeyError && /密钥/.test(e.message) && /SDGUARD_KEY/.test(e.message));
      }
      for (const operator of keyless) assert.doesNotThrow(() => redactionEdits(text, findings, ruleOf, { operator, lang: 'en' }));
    });

    it('lists the four operators', () => {
      assert.deepEqual([...OPERATORS], ['mask', 'redact', 'pseudonymize', 'fake']);
    });
  });

  describe('fingerprint', () => {
    it('is a keyed hex HMAC of the normalized value, per rule', () => {
      const id = synthResidentId(makeRng(21));
      const fp = fingerprint(KEY, 'cn-resident-id', id);
      assert.match(fp, /^[0-9a-f]{64}$/);
      assert.equal(fingerprint(KEY, 'cn-resident-id', groups(id, [6, 8, 4])), fp);
      assert.equal(fingerprint(KEY, 'cn-resident-id', fullWidth(id).toLowerCase()), fp);
      assert.notEqual(fingerprint(Buffer.from('another key'), 'cn-resident-id', id), fp);
      assert.notEqual(fingerprint(KEY, 'cn-taxpayer-id', id), fp);
      assert.notEqual(fingerprint(KEY, 'cn-resident-id', synthResidentId(makeRng(22))), fp);
      const m = synthMobile(makeRng(23));
      assert.equal(fingerprint(KEY, 'cn-mobile', `+86 ${groups(m, [3, 4, 4])}`), fingerprint(KEY, 'cn-mobile', m));
      assert.throws(() => fingerprint(new Uint8Array(0), 'cn-mobile', m), MissingKeyError);
    });
  });

  describe('rule token prefixes', () => {
    it('every built-in rule has a short upper-case token', () => {
      for (const rule of engine.rules) assert.match(rule.token, /^[A-Z][A-Z0-9]{0,15}$/, rule.id);
      assert.equal(engine.rule('cn-resident-id')!.token, 'ID');
      assert.equal(engine.rule('bank-card')!.token, 'CARD');
      assert.equal(engine.rule('cn-bank-account')!.token, 'ACCT');
    });

    it('a rule file may set it; without one it is the rule id in upper case', () => {
      const pack = (token: string) => `pack: mine
name: { en: Mine, zh-CN: 我的 }
rules:
  - id: employee-no
    name: { en: Employee number, zh-CN: 工号 }
    placeholder: { en: EMPLOYEE NO, zh-CN: 工号 }
${token}    description: { en: An employee number., zh-CN: 工号。 }
    category: id-number
    severity: warning
    standard: internal
    match: { pattern: '^EMP\\d{6}$', length: 9, charset: alnum }
    context: { hotwords: [工号], negative: [] }
    mask: { keepStart: 3, keepEnd: 0 }
    examples: { valid: ['EMP123456'], invalid: ['EMP12345'] }
`;
      assert.equal(loadRulePack(pack(''), 'mine.yaml').rules[0].token, 'EMPLOYEENO');
      const rule = loadRulePack(pack('    token: EMP\n'), 'mine.yaml').rules[0];
      assert.equal(rule.token, 'EMP');
      assert.match(pseudonym('EMP123456', rule, KEY), /^EMP_[0-9A-HJKMNP-TV-Z]{12}$/);
      assert.throws(() => loadRulePack(pack('    token: emp-no\n'), 'mine.yaml'), (e: unknown) => e instanceof RuleFileError && /token/.test(e.message));
      // A custom rule with no generator of its own gets a generic fake of the same shape.
      assert.match(replacement('emp123456', rule, { operator: 'fake', lang: 'en', key: KEY }), /^emp\d{6}$/);
    });
  });
});
