import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { validBankCard } from '../../../server/src/engine/validators/bankCard';
import { validCnBankAccount } from '../../../server/src/engine/validators/cnBankAccount';
import { cnTaxpayerIdVerdict } from '../../../server/src/engine/validators/cnTaxpayerId';
import { orgCodeCheckChar, usccCheckChar, validUscc } from '../../../server/src/engine/validators/uscc';
import { makeRng, synthBankCard, synthMobile, synthResidentId } from '../../support/synth';
import { synthBankAccount } from '../../support/synthCn';

// Bank account numbers have no common structure or check digit: the validator only rules out
// what is clearly something else; the rule is context-only.
describe('validators/cnBankAccount', () => {
  it('accepts 9 to 25 digits', () => {
    for (const n of [9, 12, 15, 17, 19, 20, 21, 22, 25]) assert.equal(validCnBankAccount('3'.repeat(n - 1) + '1'), true, String(n));
    for (const n of [0, 1, 8, 26, 40]) assert.equal(validCnBankAccount('3'.repeat(Math.max(n - 1, 0)) + (n ? '1' : '')), false, String(n));
  });

  it('rejects letters, separators and full-width digits', () => {
    for (const v of ['12345678A', '1234 56789', '1234-56789', '１２３４５６７８９', 'X12345678']) assert.equal(validCnBankAccount(v), false, v);
  });

  it('rejects one repeated digit (placeholders)', () => {
    for (const d of '0123456789') assert.equal(validCnBankAccount(d.repeat(12)), false, d);
  });

  it('rejects 14- and 17-digit timestamps YYYYMMDDhhmmss[SSS], but not other 14/17-digit numbers', () => {
    for (const v of ['20240315123045', '19991231235959', '20240315123045123']) assert.equal(validCnBankAccount(v), false, v);
    for (const v of ['20241315123045', '20240315243045', '20240315126045', '44050110044712', '31001234567890123']) {
      assert.equal(validCnBankAccount(v), true, v);
    }
    // a 15-digit value with a timestamp in front is not a timestamp
    assert.equal(validCnBankAccount('202403151230451'), true);
  });

  it('leaves 16-19 digit numbers starting with 62 to bank-card (UnionPay, with or without Luhn)', () => {
    for (const n of [16, 17, 18, 19]) {
      assert.equal(validCnBankAccount('62' + '3'.repeat(n - 3) + '1'), false, String(n));
      assert.equal(validCnBankAccount('63' + '3'.repeat(n - 3) + '1'), true, String(n));
    }
    assert.equal(validCnBankAccount('62' + '3'.repeat(12)), true, '15 digits: not a UnionPay length');
    assert.equal(validCnBankAccount('62' + '3'.repeat(18)), true, '20 digits');
  });

  it('leaves numbers that another rule proves to that rule: cards, mobile numbers, resident IDs, credit codes', () => {
    const rng = makeRng(3105);
    for (let i = 0; i < 200; i++) {
      for (const v of [synthBankCard(rng, 'visa'), synthBankCard(rng, 'amex'), synthMobile(rng), '86' + synthMobile(rng), synthResidentId(rng)]) {
        assert.equal(validCnBankAccount(v), false, v);
      }
    }
    let uscc = '';
    for (let n = 0; !/^\d{18}$/.test(uscc); n++) {
      const org = String(n).padStart(8, '0');
      const body = '91110108' + org + orgCodeCheckChar(org);
      uscc = body + usccCheckChar(body);
    }
    assert.equal(validUscc(uscc), true);
    assert.equal(validCnBankAccount(uscc), false, 'an all-digit credit code');
    // the same lengths with a failing check are possible account numbers
    assert.equal(validCnBankAccount('4111111111111112'), true);
    assert.equal(validCnBankAccount('12912345678'), true);
  });

  it('checks the value at an offset inside a longer text', () => {
    const text = '账号:0200001234567890123;20240315123045';
    assert.equal(validCnBankAccount(text, 3, 22), true);
    assert.equal(validCnBankAccount(text, 23, 37), false);
  });

  it('synthetic accounts are 9-25 digits that no other validator claims (deterministic per seed)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 9, max: 25 }), (seed, length) => {
        const v = synthBankAccount(makeRng(seed), { length });
        return v.length === length && validCnBankAccount(v) && !validBankCard(v) && cnTaxpayerIdVerdict(v) === 0;
      }),
    );
    assert.equal(synthBankAccount(makeRng(6)), synthBankAccount(makeRng(6)));
  });
});
