import { strict as assert } from 'node:assert';
import { CHECKSUM, getValidator, INVALID, STRUCTURE } from '../../../server/src/engine/validators/index';
import { makeRng, type Rng } from '../../support/synth';
import * as S from '../../support/synthIntl';

/** Each international validator, a generator for it and a value it must reject. */
const CASES: [name: string, gen: (rng: Rng) => string, bad: string][] = [
  ['iban-mod97', (r) => S.synthIban(r), 'GB82WEST12345698765433'],
  ['us-ssn', S.synthSsn, '666123456'],
  ['us-itin', S.synthItin, '912934567'],
  ['us-ein', S.synthEin, '071234567'],
  ['uk-nino', S.synthNino, 'GB123456A'],
  ['ca-sin', S.synthSin, '123456783'],
  ['in-aadhaar', S.synthAadhaar, '234123412347'],
  ['in-pan', (r) => S.synthPan(r), 'ABMXA3211G'],
  ['sg-nric', (r) => S.synthNric(r), 'S1234567A'],
  ['br-cpf', S.synthCpf, '23100299900'],
  ['br-cnpj', (r) => S.synthCnpj(r), '16727230000198'],
  ['kr-rrn', (r) => S.synthRrn(r), '9710139019903'],
  ['jp-my-number', S.synthMyNumber, '621498320258'],
  ['de-tax-id', S.synthSteuerId, '36574261808'],
  ['verhoeff', S.synthAadhaar, '234123412347'],
  ['iso7064-mod11-10', S.synthSteuerId, '36574261808'],
];

describe('support/synthIntl and the international validator registry', () => {
  it('registers every international validator, wired to its function at full strength', () => {
    const rng = makeRng(2026);
    for (const [name, gen, bad] of CASES) {
      const v = getValidator(name);
      assert.ok(v, name);
      const full = v.strength === 'checksum' ? CHECKSUM : STRUCTURE;
      for (let i = 0; i < 200; i++) {
        const value = gen(rng);
        assert.equal(v.validate(value, 0, value.length), full, `${name} ${value}`);
        // The scanner passes the scanned text with offsets: the verdict must not change.
        const text = `x,${value};${bad}`;
        assert.equal(v.validate(text, 2, 2 + value.length), full, `${name} embedded ${value}`);
      }
      assert.equal(v.validate(bad, 0, bad.length), INVALID, `${name} rejects ${bad}`);
    }
  });

  it('is deterministic: the same seed gives the same values, another seed others', () => {
    const draw = (seed: number) => {
      const rng = makeRng(seed);
      return CASES.map(([, gen]) => gen(rng));
    };
    assert.deepEqual(draw(5), draw(5));
    assert.notDeepEqual(draw(5), draw(6));
  });

  it('formats values the way they are written', () => {
    assert.equal(S.formatIban('GB82WEST12345698765432'), 'GB82 WEST 1234 5698 7654 32');
    assert.equal(S.formatSsn('536904399'), '536-90-4399');
    assert.equal(S.formatEin('123456789'), '12-3456789');
    assert.equal(S.formatNino('AB123456C'), 'AB 12 34 56 C');
    assert.equal(S.formatSin('123456782'), '123 456 782');
    assert.equal(S.format444('234123412346'), '2341 2341 2346');
    assert.equal(S.formatCpf('39053344705'), '390.533.447-05');
    assert.equal(S.formatCnpj('16727230000197'), '16.727.230/0001-97');
    assert.equal(S.formatRrn('8804112238459'), '880411-2238459');
    assert.equal(S.formatSteuerId('36574261809'), '36 574 261 809');
  });

  it('generates the alphanumeric CNPJ and foreigners\' RRNs on request', () => {
    const rng = makeRng(3);
    let letters = 0;
    for (let i = 0; i < 100; i++) if (/[A-Z]/.test(S.synthCnpj(rng, { alphanumeric: true }))) letters++;
    assert.ok(letters > 90);
    for (let i = 0; i < 100; i++) assert.match(S.synthRrn(rng, { foreigner: true, fromYear: 1950 }), /^\d{6}[5-8]/);
  });
});
