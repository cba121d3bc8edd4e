import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { cardBrand, cardLengths, validBankCard, type CardBrand } from '../../../server/src/engine/validators/bankCard';
import { luhnCheckDigit, luhnValid } from '../../../server/src/engine/validators/luhn';
import { breakCheck, changeOneDigit, makeRng, synthBankCard } from '../../support/synth';

/** prefix padded with zeros to `length - 1`, plus its Luhn digit. */
function card(prefix: string, length: number): string {
  const body = prefix.padEnd(length - 1, '0');
  return body + luhnCheckDigit(body);
}

const BRANDS: CardBrand[] = ['visa', 'mastercard', 'amex', 'discover', 'jcb', 'diners', 'unionpay', 'mir', 'maestro', 'cn-domestic'];

describe('validators/bankCard', () => {
  it('accepts the networks\' published test numbers', () => {
    // Test PANs published by the networks / payment processors for sandbox use.
    const tests: [string, CardBrand][] = [
      ['4111111111111111', 'visa'],
      ['4012888888881881', 'visa'],
      ['5555555555554444', 'mastercard'],
      ['2223003122003222', 'mastercard'],
      ['378282246310005', 'amex'],
      ['371449635398431', 'amex'],
      ['6011111111111117', 'discover'],
      ['3530111333300000', 'jcb'],
      ['30569309025904', 'diners'],
      ['6200000000000005', 'unionpay'],
    ];
    for (const [v, brand] of tests) {
      assert.equal(cardBrand(v), brand, brand);
      assert.equal(validBankCard(v), true, brand);
      assert.equal(validBankCard(breakCheck(v)), false, brand);
    }
  });

  it('maps IIN prefixes to brands', () => {
    const cases: [string, CardBrand | undefined][] = [
      ['4', 'visa'],
      ['51', 'mastercard'],
      ['55', 'mastercard'],
      ['2221', 'mastercard'],
      ['2720', 'mastercard'],
      ['2721', undefined],
      ['2220', undefined],
      ['2200', 'mir'],
      ['2204', 'mir'],
      ['2205', undefined],
      ['34', 'amex'],
      ['37', 'amex'],
      ['35', undefined],
      ['3528', 'jcb'],
      ['3589', 'jcb'],
      ['3590', undefined],
      ['300', 'diners'],
      ['305', 'diners'],
      ['306', undefined],
      ['36', 'diners'],
      ['38', 'diners'],
      ['6011', 'discover'],
      ['6441', 'discover'],
      ['6499', 'discover'],
      ['6500', 'discover'],
      ['6222', 'unionpay'],
      ['6221', 'unionpay'],
      ['8100', 'unionpay'],
      ['8200', undefined],
      ['5018', 'maestro'],
      ['5600', 'maestro'],
      ['5900', undefined],
      ['6304', 'maestro'],
      ['6759', 'maestro'],
      ['6763', 'maestro'],
      // Not Maestro: the rest of 6 holds Chinese EAN barcodes (69…) and unassigned ranges.
      ['6012', undefined],
      ['6431', undefined],
      ['6901', undefined],
      ['9558', 'cn-domestic'],
      ['9559', undefined],
      ['1234', undefined],
      ['0000', undefined],
      ['', undefined],
      ['x4', undefined],
    ];
    for (const [p, brand] of cases) {
      assert.equal(cardBrand(p.padEnd(Math.max(p.length, 4), '0').slice(0, Math.max(p.length, 4))), brand, p);
    }
  });

  it('enforces the allowed lengths per brand', () => {
    assert.equal(validBankCard(card('4', 13)), false); // retired; 13-digit EAN barcodes start with 4 too
    assert.equal(validBankCard(card('4', 16)), true);
    assert.equal(validBankCard(card('4', 19)), true);
    assert.equal(validBankCard(card('4', 15)), false);
    assert.equal(validBankCard(card('51', 16)), true);
    assert.equal(validBankCard(card('51', 19)), false);
    assert.equal(validBankCard(card('37', 15)), true);
    assert.equal(validBankCard(card('37', 16)), false);
    assert.equal(validBankCard(card('62', 16)), true);
    assert.equal(validBankCard(card('62', 19)), true);
    assert.equal(validBankCard(card('62', 15)), false);
    assert.equal(validBankCard(card('9558', 19)), true);
    assert.equal(validBankCard(card('9558', 16)), false);
    assert.equal(validBankCard(card('36', 14)), true);
    assert.equal(validBankCard(card('36', 13)), false);
    assert.equal(validBankCard(card('50', 12)), false); // Maestro 12 is too short for us
    assert.equal(validBankCard(card('50', 13)), true);
    assert.deepEqual(cardLengths('unionpay'), [16, 17, 18, 19]);
    assert.deepEqual(cardLengths('visa'), [16, 19]);
  });

  it('rejects unknown ranges, bad Luhn and malformed input without throwing', () => {
    assert.equal(validBankCard(card('1', 16)), false);
    assert.equal(validBankCard(card('7', 16)), false);
    for (const v of ['', '4111 1111 1111 1111', '4111-1111-1111-1111', '411111111111111a', '4'.repeat(20)]) {
      assert.equal(validBankCard(v), false, JSON.stringify(v.length));
    }
  });

  for (const brand of BRANDS) {
    it(`1,000 synthetic ${brand} numbers validate with that brand; breakCheck does not`, () => {
      const rng = makeRng(7812 + brand.length);
      for (let i = 0; i < 1000; i++) {
        const v = synthBankCard(rng, brand);
        assert.equal(cardBrand(v), brand, `synthetic #${i}`);
        assert.equal(validBankCard(v), true, `synthetic #${i}`);
        assert.equal(validBankCard(breakCheck(v)), false, `breakCheck #${i}`);
        assert.equal(validBankCard(changeOneDigit(rng, v, 6)), false, `changeOneDigit #${i}`);
      }
    });
  }

  it('UnionPay defaults to 16 or 19 digits', () => {
    const rng = makeRng(62);
    const lengths = new Set<number>();
    for (let i = 0; i < 200; i++) lengths.add(synthBankCard(rng).length);
    assert.deepEqual([...lengths].sort(), [16, 19]);
  });

  it('validBankCard implies luhnValid and a known brand (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{13,19}$/), (v) => !validBankCard(v) || (luhnValid(v) && cardBrand(v) !== undefined)),
    );
  });
});
