import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { cnTaxpayerIdVerdict, validCnTaxpayerId } from '../../../server/src/engine/validators/cnTaxpayerId';
import { validResidentId15 } from '../../../server/src/engine/validators/cnResidentId';
import { CHECKSUM, INVALID, WEAK } from '../../../server/src/engine/validators/types';
import { orgCodeCheckChar, validOrgCode } from '../../../server/src/engine/validators/uscc';
import { breakCheck, makeRng, randomDigits, synthResidentId, synthResidentId15 } from '../../support/synth';
import { synthTaxpayerId } from '../../support/synthCn';
import { readVectors } from '../../support/vectors';

const ORG = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('validators/cnTaxpayerId', () => {
  describe('15 characters: region code + GB 11714 organization code', () => {
    // Positions 3-17 of a unified social credit code are the organization's legacy taxpayer ID:
    // the 202 real codes of cn-uscc.valid.txt (python-stdnum, stdnum-js) give 202 real-format values.
    const fromUscc = readVectors('cn-uscc.valid.txt').map((c) => c.slice(2, 17));

    it('accepts positions 3-17 of every public USCC vector', () => {
      assert.equal(fromUscc.length, 202);
      fromUscc.forEach((v, i) => assert.notEqual(cnTaxpayerIdVerdict(v), INVALID, `vector #${i + 1}`));
    });

    it('gives CHECKSUM when the organization code has a letter, WEAK when it is all digits', () => {
      const letters = fromUscc.filter((v) => /[A-Z]/.test(v));
      const digits = fromUscc.filter((v) => !/[A-Z]/.test(v));
      assert.ok(letters.length > 100 && digits.length > 10, `${letters.length} / ${digits.length}`);
      for (const v of letters) assert.equal(cnTaxpayerIdVerdict(v), CHECKSUM, v);
      for (const v of digits) assert.equal(cnTaxpayerIdVerdict(v), WEAK, v);
    });

    it('uses the GB 11714 check of the standard example (D2143569-X)', () => {
      assert.equal(cnTaxpayerIdVerdict('110105D2143569X'), CHECKSUM);
      assert.equal(cnTaxpayerIdVerdict('110105D21435690'), INVALID);
      assert.equal(validOrgCode('D2143569X'), true);
      assert.equal(validOrgCode('000000000'), true); // 11 - 0 = 11 → 0
      assert.equal(validOrgCode('D2143569'), false);
    });

    it('agrees with uscc.ts orgCodeCheckChar on random bodies (property)', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 35 }), { minLength: 8, maxLength: 8 }), (xs) => {
          const body = xs.map((x) => ORG[x]).join('');
          const good = orgCodeCheckChar(body);
          for (const c of '0123456789X') if (validOrgCode(body + c) !== (c === good)) return false;
          return true;
        }),
      );
    });

    it('needs a known GB/T 2260 region code and digits there', () => {
      const org = 'MA01234' + 'K';
      const check = orgCodeCheckChar(org);
      assert.equal(cnTaxpayerIdVerdict('110105' + org + check), CHECKSUM);
      assert.equal(cnTaxpayerIdVerdict('999999' + org + check), INVALID);
      assert.equal(cnTaxpayerIdVerdict('000000' + org + check), INVALID);
      assert.equal(cnTaxpayerIdVerdict('11010A' + org + check), INVALID);
    });

    it('rejects a wrong check character, lower case and characters outside 0-9 A-Z', () => {
      assert.equal(cnTaxpayerIdVerdict('110105MA01234K' + (orgCodeCheckChar('MA01234K') === '0' ? '1' : '0')), INVALID);
      assert.equal(cnTaxpayerIdVerdict('110105ma01234k' + orgCodeCheckChar('MA01234K')), INVALID);
      assert.equal(cnTaxpayerIdVerdict('110105MA0123-K' + orgCodeCheckChar('MA01234K')), INVALID);
    });
  });

  describe('20 and 17 characters: resident ID + sequence', () => {
    const ids = readVectors('cn-resident-id.valid.txt');

    it('18-digit resident ID (public vectors) + 0x → CHECKSUM; other sequences → WEAK', () => {
      for (const id of ids) {
        assert.equal(cnTaxpayerIdVerdict(id + '00'), CHECKSUM, id);
        assert.equal(cnTaxpayerIdVerdict(id + '01'), CHECKSUM, id);
        assert.equal(cnTaxpayerIdVerdict(id + '12'), WEAK, id);
        assert.equal(cnTaxpayerIdVerdict(id + '0A'), INVALID, id);
      }
    });

    it('an invalid resident ID inside gives INVALID', () => {
      for (const id of readVectors('cn-resident-id.invalid.txt').filter((v) => v.length === 18)) {
        assert.equal(cnTaxpayerIdVerdict(id + '00'), INVALID, id);
      }
      const rng = makeRng(820);
      for (let i = 0; i < 200; i++) assert.equal(cnTaxpayerIdVerdict(breakCheck(synthResidentId(rng)) + '00'), INVALID);
    });

    it('a legacy 15-digit ID + 00000 (20) or + 2 digits (17) → WEAK: no check character', () => {
      const rng = makeRng(1989);
      for (let i = 0; i < 200; i++) {
        const id15 = synthResidentId15(rng);
        assert.equal(cnTaxpayerIdVerdict(id15 + '00000'), WEAK, id15);
        assert.equal(cnTaxpayerIdVerdict(id15 + '00001'), INVALID, id15);
        assert.equal(cnTaxpayerIdVerdict(id15 + randomDigits(rng, 2)), WEAK, id15);
      }
      assert.equal(cnTaxpayerIdVerdict('99999990030712300'), INVALID);
    });
  });

  it('rejects other lengths and odd input without throwing', () => {
    for (const v of ['', '1', '11010519900307123', '110105199003071239', '1101051990030712390', '110105D2143569X0', 'é'.repeat(15), '\u0000'.repeat(20)]) {
      assert.equal(validCnTaxpayerId(v), false, JSON.stringify(v));
    }
  });

  it('checks the value at an offset inside a longer text', () => {
    const text = '税号:110105D2143569X;110105D21435690';
    assert.equal(cnTaxpayerIdVerdict(text, 3, 18), CHECKSUM);
    assert.equal(cnTaxpayerIdVerdict(text, 19, 34), INVALID);
  });

  it('synthetic numbers of each form get the verdict of their form; breakCheck variants fail (1,000 each)', () => {
    const rng = makeRng(2006);
    for (let i = 0; i < 1000; i++) {
      const lettered = synthTaxpayerId(rng, { letters: true });
      assert.equal(cnTaxpayerIdVerdict(lettered), CHECKSUM, lettered);
      assert.equal(cnTaxpayerIdVerdict(breakCheck(lettered)), INVALID, lettered);
      const digits = synthTaxpayerId(rng, { letters: false });
      assert.match(digits, /^\d{15}$/);
      assert.equal(cnTaxpayerIdVerdict(digits), WEAK, digits);
      assert.equal(validResidentId15(digits), false, 'never also a legacy resident ID');
      assert.equal(cnTaxpayerIdVerdict(breakCheck(digits)), INVALID, digits);
      assert.equal(cnTaxpayerIdVerdict(synthTaxpayerId(rng, { form: 'id20' })), CHECKSUM);
      assert.equal(cnTaxpayerIdVerdict(synthTaxpayerId(rng, { form: 'id17' })), WEAK);
    }
    assert.equal(synthTaxpayerId(makeRng(11)), synthTaxpayerId(makeRng(11)), 'deterministic per seed');
  });
});
