import { strict as assert } from 'node:assert';
import { CHECKSUM, getValidator, STRUCTURE, validators } from '../../../server/src/engine/validators/index';
import { breakCheck, makeRng, synthBankCard, synthMobile, synthResidentId, synthResidentId15, synthUscc } from '../../support/synth';

describe('validators/index (registry)', () => {
  it('registers the core names with their strengths, each described in both languages', () => {
    const expected: Record<string, 'checksum' | 'structure'> = {
      luhn: 'checksum',
      'iso7064-mod11-2': 'checksum',
      'cn-resident-id': 'checksum',
      'cn-resident-id-15': 'structure',
      uscc: 'checksum',
      'bank-card': 'checksum',
      'cn-mobile': 'structure',
      'excel-mangled': 'structure',
    };
    for (const [name, strength] of Object.entries(expected)) {
      const v = getValidator(name);
      assert.ok(v, name);
      assert.equal(v.name, name);
      assert.equal(v.strength, strength, name);
    }
    for (const v of validators.values()) {
      assert.ok(v.description.en.length > 10, v.name);
      assert.ok(/[\u4e00-\u9fff]/.test(v.description['zh-CN']), v.name);
    }
    assert.equal(getValidator('nope'), undefined);
    assert.equal(getValidator('LUHN'), undefined);
  });

  it('wires each name to the right function', () => {
    const rng = makeRng(1);
    const id = synthResidentId(rng);
    const samples: Record<string, string> = {
      luhn: '79927398713',
      'iso7064-mod11-2': '07940',
      'cn-resident-id': id,
      'cn-resident-id-15': synthResidentId15(rng),
      uscc: synthUscc(rng),
      // Not UnionPay: a UnionPay number failing Luhn is WEAK, not invalid.
      'bank-card': synthBankCard(rng, 'visa'),
      'cn-mobile': synthMobile(rng),
    };
    const negatives: Record<string, string> = {
      luhn: '79927398710',
      'iso7064-mod11-2': '07941',
      'cn-resident-id': breakCheck(samples['cn-resident-id']),
      'cn-resident-id-15': '999999491231002',
      uscc: breakCheck(samples.uscc),
      'bank-card': breakCheck(samples['bank-card']),
      'cn-mobile': '12000001234',
    };
    // A pass gives the validator's full strength: CHECKSUM with a check digit, STRUCTURE otherwise.
    const full = (name: string) => (getValidator(name)!.strength === 'checksum' ? CHECKSUM : STRUCTURE);
    const whole = (name: string, value: string) => getValidator(name)!.validate(value, 0, value.length) === full(name);
    for (const [name, value] of Object.entries(samples)) {
      assert.equal(whole(name, value), true, name);
      assert.equal(getValidator(name)!.validate(negatives[name], 0, negatives[name].length), 0, name);
      // The scanner hands validators the text itself with offsets: the verdict must not change.
      const v = getValidator(name)!;
      const embedded = `姓名,${value},${negatives[name]};`;
      assert.equal(v.validate(embedded, 3, 3 + value.length), full(name), `${name} at an offset`);
      const at = 4 + value.length;
      assert.equal(v.validate(embedded, at, at + negatives[name].length), 0, `${name} negative at an offset`);
    }
    // shapes that differ in length never cross over
    assert.equal(whole('cn-resident-id', samples.uscc), false);
    assert.equal(whole('uscc', samples['cn-resident-id-15']), false);
    assert.equal(whole('cn-mobile', id), false);
  });

  it('never throws on odd input', () => {
    const odd = ['', ' ', 'X', '\u0000'.repeat(18), 'é'.repeat(18), '𝟏'.repeat(9), '9'.repeat(1000), '-'.repeat(18)];
    for (const v of validators.values()) {
      for (const s of odd) assert.doesNotThrow(() => v.validate(s, 0, s.length), v.name);
      assert.equal(v.validate('', 0, 0), 0, v.name);
    }
  });
});
