import { strict as assert } from 'node:assert';
import type { FileKind } from '../../../server/src/engine/types';
import { validHkid } from '../../../server/src/engine/validators/hkid';
import { ibanCountries } from '../../../server/src/engine/validators/iban';
import { validAadhaar } from '../../../server/src/engine/validators/verhoeff';
import { builtinEngine } from '../../support/engine';
import { makeRng, randInt, randomDigits } from '../../support/synth';
import * as S from '../../support/synthIntl';

const engine = builtinEngine();
const scan = (text: string, kind: FileKind = 'plain') => engine.scan(text, { kind });
/** Findings as `rule@start-end:confidence`. */
const found = (text: string, kind: FileKind = 'plain') => scan(text, kind).map((f) => `${f.ruleId}@${f.start}-${f.end}:${f.confidence}`);
/** Findings as `rule=value`. */
const values = (text: string, kind: FileKind = 'plain') => scan(text, kind).map((f) => `${f.ruleId}=${text.slice(f.start, f.end)}`);

const INTERNATIONAL = ['iban', 'us-ssn', 'us-itin', 'us-ein', 'uk-nino', 'ca-sin', 'in-aadhaar', 'in-pan', 'sg-nric', 'br-cpf', 'br-cnpj', 'kr-rrn', 'jp-my-number', 'de-tax-id'];

describe('international rules (scan level)', () => {
  it('loads every international rule with its validator', () => {
    for (const id of INTERNATIONAL) {
      const rule = engine.rule(id);
      assert.ok(rule, id);
      assert.ok(rule.validator, id);
      // Only the two distinctive, strongly checked shapes are reported without context.
      assert.equal(rule.contextRequired, id !== 'iban' && id !== 'sg-nric', id);
    }
  });

  describe('CSV with English headers', () => {
    const csv = [
      'Name,SSN,IBAN,Amount,Order ID',
      'Alice Smith,536-90-4399,GB29 NWBK 6016 1331 9268 19,1200.00,100441198',
      'Bob Jones,804-51-8635,DE89370400440532013000,99.50,879940322',
      '',
    ].join('\n');

    it('finds SSNs under the SSN header and IBANs under the IBAN header, with the column', () => {
      const fs = scan(csv, 'csv');
      assert.deepEqual(
        fs.map((f) => `${f.ruleId}=${csv.slice(f.start, f.end)}|${f.column}|${f.confidence}`),
        [
          'us-ssn=536-90-4399|SSN|medium',
          'iban=GB29 NWBK 6016 1331 9268 19|IBAN|high',
          'us-ssn=804-51-8635|SSN|medium',
          'iban=DE89370400440532013000|IBAN|high',
        ],
      );
    });

    it('leaves the same SSN-shaped numbers alone under other headers', () => {
      const other = 'Name,Reference\nAlice,536-90-4399\nBob,804-51-8635\n';
      assert.deepEqual(found(other, 'csv'), []);
    });

    it('reads other headers: Social Security Number, CPF, CNPJ, NINO, Steuer-ID, RRN', () => {
      const sheet = [
        'Social Security Number,CPF,CNPJ,NI number,Steuer-ID,RRN',
        '536-90-4399,390.533.447-05,16.727.230/0001-97,AB 12 34 56 C,36 574 261 809,880411-2238459',
        '',
      ].join('\n');
      assert.deepEqual(values(sheet, 'csv'), [
        'us-ssn=536-90-4399',
        'br-cpf=390.533.447-05',
        'br-cnpj=16.727.230/0001-97',
        'uk-nino=AB 12 34 56 C',
        'de-tax-id=36 574 261 809',
        'kr-rrn=880411-2238459',
      ]);
    });
  });

  describe('code', () => {
    it('finds values assigned to identifiers that name them', () => {
      const code = [
        "const cpf = '390.533.447-05';",
        'const cnpj = "16.727.230/0001-97";',
        'user.ssn = "536-90-4399";',
        'iban: "DE89 3704 0044 0532 0130 00",',
        'employer_ein = "46-8740778"',
        'itin = "912-90-3456"',
        'pan_no = "AAPPV8261K"',
        'nric = "S1234567D"',
        'steuer_id = "36 574 261 809"',
        'rrn = "880411-2238459"',
        'social_insurance_no = "123 456 782"',
        'aadhaar = "2341 2341 2346"',
        'my_number = "6214 9832 0257"',
      ].join('\n');
      assert.deepEqual(values(code, 'code'), [
        'br-cpf=390.533.447-05',
        'br-cnpj=16.727.230/0001-97',
        'us-ssn=536-90-4399',
        'iban=DE89 3704 0044 0532 0130 00',
        'us-ein=46-8740778',
        'us-itin=912-90-3456',
        'in-pan=AAPPV8261K',
        'sg-nric=S1234567D',
        'de-tax-id=36 574 261 809',
        'kr-rrn=880411-2238459',
        'ca-sin=123 456 782',
        'in-aadhaar=2341 2341 2346',
        'jp-my-number=6214 9832 0257',
      ]);
    });

    it('does not report context-only values without a hotword', () => {
      const code = [
        "const ref = '390.533.447-05';",
        'const code = "16.727.230/0001-97";',
        'x = "536-90-4399"; y = "46-8740778"; z = "912-90-3456";',
        'a = "AAPPV8261K"; b = "AB 12 34 56 C"; c = "880411-2238459";',
        'd = "36 574 261 809"; e = "123 456 782"; f = "2341 2341 2346"; g = "6214 9832 0257";',
      ].join('\n');
      assert.deepEqual(found(code, 'code'), []);
    });

    it('reports an IBAN and an NRIC on their own (checked strongly enough)', () => {
      assert.deepEqual(values('transfer(to: "GB29NWBK60161331926819")', 'code'), ['iban=GB29NWBK60161331926819']);
      assert.deepEqual(values('Please pay to DE89 3704 0044 0532 0130 00 by Friday.'), ['iban=DE89 3704 0044 0532 0130 00']);
      assert.deepEqual(values('holder S1234567D, expires 2030'), ['sg-nric=S1234567D']);
    });
  });

  describe('hard negatives', () => {
    it('rejects wrong check digits even with a hotword', () => {
      for (const line of ['CPF: 390.533.447-06', 'CNPJ: 16.727.230/0001-98', 'IBAN: DE89 3704 0044 0532 0130 01', 'SIN: 123 456 783', 'Steuer-ID: 36 574 261 808', 'NRIC: S1234567A', 'RRN: 971013-9019903']) {
        assert.deepEqual(found(line), [], line);
      }
    });

    it('a NINO that is also a valid HKID is still a NINO in its grouped form', () => {
      // GR972103A: two letters, six digits and the HKID check character A. Compact, hk-id (checked,
      // high) takes the span from uk-nino (context-only); grouped, only uk-nino accepts it.
      assert.equal(validHkid('GR972103A'), true);
      assert.deepEqual(values('NI number: GR 97 21 03 A'), ['uk-nino=GR 97 21 03 A']);
    });

    it('a nearer negative word wins over a farther hotword', () => {
      assert.deepEqual(found('SSN checked; order 536-90-4399'), []);
      assert.deepEqual(found('流水号 DE89 3704 0044 0532 0130 00'), []);
      assert.deepEqual(found('SKU S1234567D'), []);
      assert.deepEqual(values('order 17, SSN: 536-90-4399'), ['us-ssn=536-90-4399']);
    });

    it('never matches inside a longer run or glued to a decimal amount', () => {
      assert.deepEqual(found('XDE89370400440532013000'), []);
      assert.deepEqual(found('DE89370400440532013000.00'), []);
      assert.deepEqual(found('SSN: 536-90-43991'), []);
      assert.deepEqual(found('CPF: 1390.533.447-05'), []);
      assert.deepEqual(found('AS1234567D'), []);
    });

    it('ignores ordinary numbers: phone numbers, order ids, timestamps, amounts', () => {
      const text = [
        'Order 123456789 shipped 2026-11-23 18:48:24 (ts 1700000000123), call 555-123-4567 or +1 (555) 123-4567.',
        'Total: 1234567.89 USD; invoice 20240315123045; tracking 1Z999AA10123456784; ref 391.204.118',
        '',
      ].join('\n');
      assert.deepEqual(found(text).filter((f) => INTERNATIONAL.some((id) => f.startsWith(`${id}@`))), []);
    });

    it('no international finding in 3,000 random 9-14 digit numbers without context (code and CSV)', () => {
      const rng = makeRng(20261123);
      const lines: string[] = [];
      const rows: string[] = ['seq,value,count'];
      for (let i = 0; i < 1000; i++) {
        const n = () => {
          const len = randInt(rng, 9, 14);
          return String(randInt(rng, 1, 9)) + randomDigits(rng, len - 1);
        };
        lines.push(`  { value: ${n()}, count: ${n()}, seq: "${n()}" },`);
        rows.push(`${n()},${n()},${n()}`);
      }
      const mine = (text: string, kind: FileKind) => scan(text, kind).filter((f) => INTERNATIONAL.includes(f.ruleId));
      assert.deepEqual(mine(lines.join('\n'), 'code'), []);
      assert.deepEqual(mine(rows.join('\n') + '\n', 'csv'), []);
    });
  });

  describe('written forms', () => {
    it('finds a generated IBAN of every registry country, compact and printed in groups of 4', () => {
      const rng = makeRng(97);
      for (const cc of ibanCountries()) {
        const iban = S.synthIban(rng, cc);
        const printed = S.formatIban(iban);
        assert.deepEqual(values(`IBAN: ${iban}`), [`iban=${iban}`], cc);
        // A 33-character IBAN (RU) prints as 9 groups: more than the scanner joins.
        if (iban.length <= 32) assert.deepEqual(values(`IBAN: ${printed}`), [`iban=${printed}`], cc);
        assert.deepEqual(values(`iban ${iban.toLowerCase()} ok`), [`iban=${iban.toLowerCase()}`], cc);
      }
    });

    it('finds each number in its usual grouped forms next to a hotword', () => {
      const rng = makeRng(5);
      const cases: [string, string, string][] = [];
      for (let i = 0; i < 20; i++) {
        const ssn = S.synthSsn(rng);
        const itin = S.synthItin(rng);
        const ein = S.synthEin(rng);
        const sin = S.synthSin(rng);
        const nino = S.synthNino(rng);
        const cpf = S.synthCpf(rng);
        const cnpj = S.synthCnpj(rng, { alphanumeric: i % 2 === 0 });
        const tax = S.synthSteuerId(rng);
        const rrn = S.synthRrn(rng);
        const pan = S.synthPan(rng);
        const nric = S.synthNric(rng);
        cases.push(
          ['us-ssn', 'SSN: ', S.formatSsn(ssn)],
          ['us-itin', 'ITIN: ', S.formatSsn(itin)],
          ['us-ein', 'EIN: ', S.formatEin(ein)],
          ['ca-sin', 'SIN: ', S.formatSin(sin)],
          ['ca-sin', 'Social Insurance Number: ', S.formatSin(sin, '-')],
          ['uk-nino', 'NINO: ', S.formatNino(nino)],
          // A compact NINO with suffix A that passes the HKID check (1 in 11) is read as an HKID.
          ...(validHkid(nino) ? [] : ([['uk-nino', 'NI number: ', nino]] as [string, string, string][])),
          ['br-cpf', 'CPF: ', S.formatCpf(cpf)],
          ['br-cnpj', 'CNPJ: ', S.formatCnpj(cnpj)],
          ['de-tax-id', 'Steuer-ID: ', S.formatSteuerId(tax)],
          ['kr-rrn', '주민등록번호: ', S.formatRrn(rrn)],
          ['in-pan', 'PAN: ', pan],
          ['sg-nric', 'NRIC: ', nric],
          ['in-aadhaar', 'Aadhaar: ', S.format444(S.synthAadhaar(rng))],
        );
        // My Number values that do not also pass Verhoeff (Aadhaar comes first on equal spans).
        const my = S.synthMyNumber(rng);
        if (!validAadhaar(my)) cases.push(['jp-my-number', 'My Number: ', S.format444(my)]);
      }
      for (const [rule, label, value] of cases) {
        assert.deepEqual(values(`${label}${value}`), [`${rule}=${value}`], `${label}${value}`);
      }
    });

    it('gives context-only findings medium confidence and strongly checked ones high', () => {
      assert.deepEqual(found('SSN: 536-90-4399'), ['us-ssn@5-16:medium']);
      assert.deepEqual(found('IBAN: GB29NWBK60161331926819'), ['iban@6-28:high']);
      assert.deepEqual(found('S1234567D'), ['sg-nric@0-9:high']);
    });
  });

  // Bare digit strings tie with cn-bank-account (9-25 digits, context-only, earlier in rule
  // order) on the same span. The scanner settles equal spans
  // by rule order before it looks at context, so cn-bank-account wins and, without an account
  // hotword, drops the value: these are missed until equal-span candidates are decided after
  // context. Enable once the scanner does that.
  describe('bare digit forms (pending: equal-span candidates must be decided after context)', () => {
    it('finds bare numbers under their column header', () => {
      const sheet = ['SSN,CPF,Steuer-ID,RRN,CNPJ,EIN', '536904399,39053344705,36574261809,8804112238459,16727230000197,468740778', ''].join('\n');
      assert.deepEqual(values(sheet, 'csv'), ['us-ssn=536904399', 'br-cpf=39053344705', 'de-tax-id=36574261809', 'kr-rrn=8804112238459', 'br-cnpj=16727230000197', 'us-ein=468740778']);
    });

    it('finds bare Aadhaar and My Number numbers next to their hotwords', () => {
      assert.deepEqual(values('aadhaar_no = "234123412346"'), ['in-aadhaar=234123412346']);
      assert.deepEqual(values('マイナンバー：621498320257'), ['jp-my-number=621498320257']);
    });

    it('decides between rules that accept the same bare value by their hotwords', () => {
      // 802941904270 passes both Verhoeff (Aadhaar) and the My Number check digit.
      assert.deepEqual(values('My Number: 8029 4190 4270'), ['jp-my-number=8029 4190 4270']);
      assert.deepEqual(values('Aadhaar: 8029 4190 4270'), ['in-aadhaar=8029 4190 4270']);
      // 123456782 is both a structurally valid SSN and a valid SIN.
      assert.deepEqual(values('SIN: 123456782'), ['ca-sin=123456782']);
      assert.deepEqual(values('EIN: 468740778'), ['us-ein=468740778']);
    });
  });
});
