import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { cnpjCheckDigits, cpfCheckDigits, validCnpj, validCpf } from '../../../server/src/engine/validators/brazil';
import { breakCheck, changeOneDigit, makeRng } from '../../support/synth';
import { synthCnpj, synthCpf } from '../../support/synthIntl';
import { readVectors } from '../../support/vectors';

/** The vectors keep CPF/CNPJ dots and slashes; the scanner drops every separator. */
const vectors = (file: string) => readVectors(file).map((v) => v.replace(/[./]/g, ''));

describe('validators/brazil', () => {
  describe('CPF', () => {
    it('public vectors (stdnum-js src/br/cpf.spec.ts)', () => {
      const valid = vectors('br-cpf.valid.txt');
      const invalid = vectors('br-cpf.invalid.txt');
      assert.ok(valid.length >= 1 && invalid.length >= 3);
      valid.forEach((v) => assert.equal(validCpf(v), true, v));
      invalid.forEach((v) => assert.equal(validCpf(v), false, v));
    });

    it('computes both check digits', () => {
      assert.equal(cpfCheckDigits('390533447'), '05');
      assert.notEqual(cpfCheckDigits('231002999'), '00'); // the invalid vector 231.002.999-00
      assert.throws(() => cpfCheckDigits('39053344'), RangeError);
    });

    it('rejects numbers of one repeated digit, which pass the arithmetic', () => {
      for (let d = 0; d <= 9; d++) {
        const body = String(d).repeat(9);
        assert.equal(cpfCheckDigits(body), String(d).repeat(2), body);
        assert.equal(validCpf(String(d).repeat(11)), false, body);
      }
    });

    it('rejects bad lengths and characters, reads from offsets', () => {
      for (const v of ['', '3905334470', '390533447050', '39053344A05', '390.533.447-05']) assert.equal(validCpf(v), false, v);
      assert.equal(validCpf('cpf:39053344705;', 4, 15), true);
    });

    it('1,000 generated numbers validate; a changed check digit never does, a changed digit rarely', () => {
      // "r < 2 → 0" folds two remainders into one digit, so a few single-digit changes survive.
      const rng = makeRng(11);
      let survived = 0;
      for (let i = 0; i < 1000; i++) {
        const v = synthCpf(rng);
        assert.equal(validCpf(v), true, v);
        assert.equal(validCpf(breakCheck(v)), false, v);
        if (validCpf(changeOneDigit(rng, v))) survived++;
      }
      assert.ok(survived < 30, String(survived));
    });
  });

  describe('CNPJ', () => {
    it('public vectors (python-stdnum test_br_cnpj.doctest, stdnum-js src/br/cnpj.spec.ts)', () => {
      const valid = vectors('br-cnpj.valid.txt');
      const invalid = vectors('br-cnpj.invalid.txt');
      assert.ok(valid.length >= 25 && invalid.length >= 5);
      valid.forEach((v) => assert.equal(validCnpj(v), true, v));
      invalid.forEach((v) => assert.equal(validCnpj(v), false, v));
    });

    it('accepts the alphanumeric CNPJ (from July 2026): letters count as ASCII - 48', () => {
      assert.equal(cnpjCheckDigits('12ABC34501DE'), '35');
      assert.equal(validCnpj('12ABC34501DE35'), true);
      assert.equal(validCnpj('12ABC34501DE3A'), false); // check digits stay digits
      assert.equal(validCnpj('12abc34501de35'), false); // upper case only (the scanner upper-cases)
      // A weakness of the scheme: characters whose values differ by 11 (6/A, 7/B, A/L, L/W…) leave
      // both sums unchanged mod 11, so such a substitution is never caught.
      assert.equal(validCnpj('126BC34501DE35'), true);
      assert.equal(validCnpj('12LBC34501DE35'), true);
    });

    it('rejects a root of twelve zeros but not Banco do Brasil (00.000.000/0001-91)', () => {
      assert.equal(cnpjCheckDigits('000000000000'), '00');
      assert.equal(validCnpj('00000000000000'), false);
      assert.equal(validCnpj('00000000000191'), true);
    });

    it('rejects bad lengths and characters without throwing', () => {
      for (const v of ['', '1672723000019', '167272300001977', '16727230-000197', '1672723000019 ']) assert.equal(validCnpj(v), false, v);
      assert.throws(() => cnpjCheckDigits('12abc34501de'), RangeError);
    });

    it('1,000 generated numbers (numeric and alphanumeric) validate; a changed check digit never does', () => {
      const rng = makeRng(14);
      for (let i = 0; i < 1000; i++) {
        const v = synthCnpj(rng, { alphanumeric: i % 2 === 1 });
        assert.equal(validCnpj(v), true, v);
        assert.equal(validCnpj(breakCheck(v)), false, v);
      }
    });

    it('a single changed body character slips through rarely (r < 2 → 0 folds two remainders)', () => {
      const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
      let changed = 0;
      let survived = 0;
      fc.assert(
        fc.property(fc.integer(), fc.nat(11), fc.nat(alphabet.length - 1), (seed, at, to) => {
          const v = synthCnpj(makeRng(seed), { alphanumeric: seed % 2 === 0 });
          if (v[at] === alphabet[to]) return true;
          changed++;
          if (validCnpj(v.slice(0, at) + alphabet[to] + v.slice(at + 1))) survived++;
          return true;
        }),
        { numRuns: 2000, seed: 7 },
      );
      // Letters differ from digits by multiples of 11 (A = 17, L = 28…) are invisible mod 11: more slip.
      assert.ok(survived / changed < 0.1, `${survived} of ${changed}`);
    });
  });
});
