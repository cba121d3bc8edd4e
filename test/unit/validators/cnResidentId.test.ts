import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  residentIdBirthDate,
  residentIdCheckChar,
  validResidentId15,
  validResidentId18,
} from '../../../server/src/engine/validators/cnResidentId';
import {
  breakCheck,
  changeOneDigit,
  makeRng,
  residentIdWithBadDate,
  synthResidentId,
  synthResidentId15,
} from '../../support/synth';
import { readVectors } from '../../support/vectors';



/** Builds an 18-digit number with a correct check char from its parts. */
function id18(region: string, ymd: string, seq = '123'): string {
  const body = region + ymd + seq;
  return body + residentIdCheckChar(body);
}

describe('validators/cnResidentId', () => {
  describe('public vectors (python-stdnum, stdnum-js)', () => {
    const valid = readVectors('cn-resident-id.valid.txt');
    const invalid = readVectors('cn-resident-id.invalid.txt');

    it('has vectors to test', () => {
      assert.ok(valid.length >= 3 && invalid.length >= 5, `${valid.length} valid, ${invalid.length} invalid`);
    });

    it('accepts every valid vector', () => {
      valid.forEach((v, i) => assert.equal(validResidentId18(v), true, `valid vector #${i + 1}`));
    });

    it('rejects every invalid vector', () => {
      invalid.forEach((v, i) => assert.equal(validResidentId18(v), false, `invalid vector #${i + 1}`));
    });
  });

  describe('validResidentId18', () => {
    it('accepts the GB 11643 example with check character X', () => {
      assert.equal(residentIdCheckChar('11010519491231002'), 'X');
      assert.equal(validResidentId18('11010519491231002X'), true);
      assert.equal(validResidentId18('110105194912310020'), false);
    });

    it('checks the birth date: calendar, leap years, 1900..today', () => {
      assert.equal(validResidentId18(id18('110105', '20000229')), true); // 2000 is a leap year
      assert.equal(validResidentId18(id18('110105', '19000228')), true);
      assert.equal(validResidentId18(id18('110105', '19000229')), false); // 1900 is not
      assert.equal(validResidentId18(id18('110105', '20230229')), false);
      assert.equal(validResidentId18(id18('110105', '20240229')), true);
      assert.equal(validResidentId18(id18('110105', '19991231')), true);
      assert.equal(validResidentId18(id18('110105', '18991231')), false);
      assert.equal(validResidentId18(id18('110105', '19800431')), false);
      assert.equal(validResidentId18(id18('110105', '19801301')), false);
      assert.equal(validResidentId18(id18('110105', '19800001')), false);
      assert.equal(validResidentId18(id18('110105', '19800100')), false);
      assert.equal(validResidentId18(id18('110105', '29990101')), false); // future
      const now = new Date();
      const y = now.getUTCFullYear();
      assert.equal(validResidentId18(id18('110105', `${y + 1}0101`)), false);
      assert.equal(validResidentId18(id18('110105', `${y - 1}0101`)), true);
    });

    it('checks the region code, retired codes included', () => {
      assert.equal(validResidentId18(id18('110103', '19700101')), true); // retired in 2010
      assert.equal(validResidentId18(id18('999999', '19700101')), false);
      assert.equal(validResidentId18(id18('000000', '19700101')), false);
    });

    it('accepts HK / Macau / Taiwan residence permits', () => {
      for (const r of ['810000', '820000', '830000']) assert.equal(validResidentId18(id18(r, '19900101')), true, r);
      assert.equal(validResidentId18(id18('840000', '19900101')), false);
    });

    it('rejects malformed input without throwing', () => {
      const good = id18('110105', '19700101');
      for (const v of ['', good.slice(0, 17), good + '0', good.slice(0, 16) + 'X' + good[17], good.toLowerCase() + 'A']) {
        assert.equal(validResidentId18(v), false);
      }
      assert.equal(validResidentId18('1101051970010112 3'), false);
      assert.throws(() => residentIdCheckChar('1234'), RangeError);
    });
  });

  describe('validResidentId15', () => {
    it('accepts region + real 19YYMMDD date', () => {
      assert.equal(validResidentId15('110105491231002'), true);
      assert.equal(validResidentId15('110105000229002'), false); // 1900-02-29 does not exist
      assert.equal(validResidentId15('110105960229002'), true); // 1996 leap year
      assert.equal(validResidentId15('110105491331002'), false);
      assert.equal(validResidentId15('999999491231002'), false);
      assert.equal(validResidentId15('11010549123100X'), false);
      assert.equal(validResidentId15('11010549123100'), false);
    });
  });

  describe('residentIdBirthDate', () => {
    it('reads the date from 18 and 15 digit numbers', () => {
      assert.deepEqual(residentIdBirthDate('11010519491231002X'), { year: 1949, month: 12, day: 31 });
      assert.deepEqual(residentIdBirthDate('110105491231002'), { year: 1949, month: 12, day: 31 });
      assert.equal(residentIdBirthDate('110105194913310020'), undefined);
      assert.equal(residentIdBirthDate('1101051949'), undefined);
    });
  });

  describe('synthetic numbers', () => {
    it('1,000 generated 18-digit numbers validate; breakCheck and bad dates do not', () => {
      const rng = makeRng(18);
      for (let i = 0; i < 1000; i++) {
        const v = synthResidentId(rng);
        assert.equal(v.length, 18);
        assert.equal(validResidentId18(v), true, `synthetic #${i}`);
        assert.equal(validResidentId18(breakCheck(v)), false, `breakCheck #${i}`);
        assert.equal(validResidentId18(changeOneDigit(rng, v)), false, `changeOneDigit #${i}`);
        assert.equal(validResidentId18(residentIdWithBadDate(rng)), false, `bad date #${i}`);
      }
    });

    it('generates X check characters and permits on request', () => {
      const rng = makeRng(7);
      for (let i = 0; i < 100; i++) {
        const v = synthResidentId(rng, { checkX: true });
        assert.equal(v[17], 'X');
        assert.equal(validResidentId18(v), true);
        assert.equal(validResidentId18(breakCheck(v)), false);
      }
      for (const permit of ['hk', 'mo', 'tw'] as const) {
        const v = synthResidentId(rng, { permit });
        assert.equal(validResidentId18(v), true, permit);
        assert.match(v, /^8[123]0000/);
      }
    });

    it('1,000 generated 15-digit numbers validate', () => {
      const rng = makeRng(15);
      for (let i = 0; i < 1000; i++) {
        const v = synthResidentId15(rng);
        assert.equal(v.length, 15);
        assert.equal(validResidentId15(v), true, `synthetic #${i}`);
      }
    });

    it('any single-digit change in a valid number breaks it (property)', () => {
      fc.assert(
        fc.property(fc.integer(), fc.integer(), (seed, seed2) => {
          const v = synthResidentId(makeRng(seed));
          return !validResidentId18(changeOneDigit(makeRng(seed2), v));
        }),
      );
    });
  });
});
