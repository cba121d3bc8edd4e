import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { bankCardVerdict, validBankCard } from '../../../server/src/engine/validators/bankCard';
import { luhnValid } from '../../../server/src/engine/validators/luhn';
import { CHECKSUM, INVALID, WEAK } from '../../../server/src/engine/validators/types';
import { breakCheck, makeRng, synthBankCard } from '../../support/synth';

describe('validators/bankCard: bankCardVerdict', () => {
  it('CHECKSUM exactly when validBankCard holds', () => {
    const rng = makeRng(62);
    for (const brand of ['visa', 'mastercard', 'amex', 'unionpay', 'jcb', 'cn-domestic'] as const) {
      for (let i = 0; i < 50; i++) {
        const v = synthBankCard(rng, brand);
        assert.equal(bankCardVerdict(v), CHECKSUM, v);
      }
    }
    assert.equal(bankCardVerdict('6222025260181590832'), CHECKSUM);
  });

  it('WEAK for a 62… UnionPay number of 16-19 digits failing Luhn', () => {
    assert.equal(bankCardVerdict('6222025260181590833'), WEAK);
    const rng = makeRng(6);
    for (const length of [16, 17, 18, 19]) {
      const v = synthBankCard(rng, 'unionpay', { length });
      if (!v.startsWith('62')) continue;
      assert.equal(bankCardVerdict(breakCheck(v)), WEAK, v);
    }
  });

  it('INVALID for other networks failing Luhn, 81… UnionPay, wrong lengths and non-digits', () => {
    assert.equal(bankCardVerdict(breakCheck('4111111111111111')), INVALID);
    assert.equal(bankCardVerdict(breakCheck('8100000000000009')), INVALID); // 81: Luhn required
    assert.equal(bankCardVerdict('622202526018159'), INVALID); // 15 digits
    assert.equal(bankCardVerdict('62220252601815908320'), INVALID); // 20 digits
    assert.equal(bankCardVerdict('622202526018159A83'), INVALID);
    assert.equal(bankCardVerdict(''), INVALID);
  });

  it('reads from offsets without allocating a copy', () => {
    const text = '卡号:6222025260181590833;';
    assert.equal(bankCardVerdict(text, 3, 22), WEAK);
    assert.equal(bankCardVerdict(text, 3, 18), INVALID); // 15 digits
  });

  it('never says CHECKSUM without a valid Luhn digit, never WEAK outside 62 (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{13,19}$/), (v) => {
        const verdict = bankCardVerdict(v);
        if (verdict === CHECKSUM) return luhnValid(v) && validBankCard(v);
        if (verdict === WEAK) return v.startsWith('62') && v.length >= 16 && !luhnValid(v);
        return !validBankCard(v);
      }),
    );
  });
});
