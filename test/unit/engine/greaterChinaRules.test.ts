import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { loadRuleFolder } from '../../../server/src/engine/rules/builtinRules';
import type { Confidence, FileKind, Finding } from '../../../server/src/engine/types';
import { validBankCard } from '../../../server/src/engine/validators/bankCard';
import { validHkid } from '../../../server/src/engine/validators/hkid';
import { cnTaxpayerIdVerdict } from '../../../server/src/engine/validators/cnTaxpayerId';
import { builtinEngine, repoRoot } from '../../support/engine';
import { makeRng, pick, randInt, randomDigits, synthBankCard, synthMobile, synthResidentId, synthResidentId15, synthUscc, type Rng } from '../../support/synth';
import {
  synthBankAccount,
  synthHkid,
  synthHkMacauPermit,
  synthMoId,
  synthPassport,
  synthTaiwanPermit,
  synthTaxpayerId,
  synthTwId,
} from '../../support/synthCn';

const engine = builtinEngine();
const scan = (text: string, kind: FileKind = 'plain', minConfidence?: Confidence): Finding[] => engine.scan(text, { kind, minConfidence });
const ids = (text: string, kind: FileKind = 'plain') => scan(text, kind).map((f) => `${f.ruleId}@${f.start}-${f.end}`);
/** `rule@start-end` of `value`'s first occurrence in `text` (at or after `from`). */
function at(text: string, value: string, rule: string, from = 0): string {
  const start = text.indexOf(value, from);
  assert.notEqual(start, -1, `${value} not in text`);
  return `${rule}@${start}-${start + value.length}`;
}

const MINE = new Set(['cn-resident-id-15', 'cn-taxpayer-id', 'cn-bank-account', 'cn-passport', 'cn-hk-macau-permit', 'cn-taiwan-permit', 'hk-id', 'mo-id', 'tw-id']);
const BANKS = ['中国工商银行北京朝阳支行', '中国建设银行深圳分行', '招商银行上海分行营业部', '中国农业银行杭州西湖支行', '交通银行广州天河支行'];

/**
 * An all-digit value that is not also a valid payment card: 15-digit numbers from Anhui (34…)
 * and Shandong (37…) sit in the Amex range and pass Luhn one time in ten, and bank-card (a
 * checksum rule, not context-only) then wins the span (see the report on overlaps).
 */
function notCard(rng: Rng, make: (rng: Rng) => string): string {
  for (;;) {
    const v = make(rng);
    if (!validBankCard(v)) return v;
  }
}

describe('Greater China rules (cn-mainland extras, hk-mo-tw)', () => {
  it('loads the hk-mo-tw pack with its bilingual name and the new mainland rules in order', () => {
    const packs = loadRuleFolder(join(repoRoot, 'rules'));
    const hkmotw = packs.find((p) => p.id === 'hk-mo-tw');
    assert.ok(hkmotw);
    assert.deepEqual(hkmotw.name, { en: 'Hong Kong, Macao, Taiwan', 'zh-CN': '港澳台' });
    assert.deepEqual(hkmotw.rules.map((r) => r.id), ['hk-id', 'mo-id', 'tw-id']);
    const mainland = packs.find((p) => p.id === 'cn-mainland')!.rules.map((r) => r.id);
    assert.deepEqual(mainland.slice(3), ['cn-resident-id-15', 'cn-taxpayer-id', 'cn-passport', 'cn-hk-macau-permit', 'cn-taiwan-permit', 'cn-bank-account']);
    for (const id of MINE) {
      const rule = engine.rule(id)!;
      assert.ok(/\p{Script=Han}/u.test(rule.name['zh-CN']) && rule.name.en.length > 5, id);
      assert.ok(rule.validator, `${id} names a validator`);
    }
    for (const id of ['cn-resident-id-15', 'cn-bank-account', 'cn-passport', 'cn-hk-macau-permit', 'cn-taiwan-permit', 'mo-id']) {
      assert.equal(engine.rule(id)!.contextRequired, true, `${id} is context-only`);
    }
    for (const id of ['cn-taxpayer-id', 'hk-id', 'tw-id']) assert.equal(engine.rule(id)!.contextRequired, false, id);
  });

  describe('客户档案: a client master file', () => {
    const rng = makeRng(11714);
    const rows = ['客户名称,纳税人识别号,开户行,对公账号'];
    const expected: string[] = [];
    const confidences: Record<string, Confidence[]> = {};
    let offset = rows[0].length + 1;
    for (let i = 0; i < 200; i++) {
      const kind = i % 5;
      const [tax, taxRule, taxConf]: [string, string, Confidence] =
        kind === 0
          ? [synthUscc(rng), 'cn-uscc', 'high']
          : kind === 1
            ? [synthTaxpayerId(rng, { letters: true }), 'cn-taxpayer-id', 'high']
            : kind === 2
              ? [notCard(rng, () => synthTaxpayerId(rng, { letters: false })), 'cn-taxpayer-id', 'medium']
              : kind === 3
                ? [synthTaxpayerId(rng, { form: 'id20' }), 'cn-taxpayer-id', 'high']
                : [synthUscc(rng), 'cn-uscc', 'high'];
      const account = synthBankAccount(rng);
      const name = `客户${i}贸易有限公司`;
      const line = [name, tax, pick(rng, BANKS), account].join(',');
      const taxAt = offset + name.length + 1;
      expected.push(`${taxRule}@${taxAt}-${taxAt + tax.length}`);
      const accountAt = offset + line.length - account.length;
      expected.push(`cn-bank-account@${accountAt}-${accountAt + account.length}`);
      (confidences[taxRule + kind] ??= []).push(taxConf);
      rows.push(line);
      offset += line.length + 1;
    }
    const csv = rows.join('\n') + '\n';

    it('finds every tax ID and every corporate account at its exact offset, and nothing else', () => {
      assert.deepEqual(ids(csv, 'csv'), expected);
    });

    it('reports accounts at medium (header 对公账号), lettered taxpayer IDs high, all-digit ones medium', () => {
      const found = scan(csv, 'csv');
      const by = (rule: string) => found.filter((f) => f.ruleId === rule);
      assert.ok(by('cn-bank-account').every((f) => f.confidence === 'medium' && f.column === '对公账号'));
      const taxpayer = by('cn-taxpayer-id');
      const digitsOnly = taxpayer.filter((f) => /^\d{15}$/.test(csv.slice(f.start, f.end)));
      assert.equal(digitsOnly.length, 40);
      assert.ok(digitsOnly.every((f) => f.confidence === 'medium' && f.column === '纳税人识别号'));
      assert.ok(taxpayer.filter((f) => !digitsOnly.includes(f)).every((f) => f.confidence === 'high'));
    });

    it('finds nothing of the accounts once the header is gone (context-only rule)', () => {
      const body = rows.slice(1).join('\n');
      assert.deepEqual(scan(body, 'csv').filter((f) => f.ruleId === 'cn-bank-account'), []);
      // all-digit legacy taxpayer IDs need the header too; lettered ones and USCCs do not
      const taxpayer = scan(body, 'csv').filter((f) => f.ruleId === 'cn-taxpayer-id');
      assert.ok(taxpayer.length === 80 && taxpayer.every((f) => !/^\d{15}$/.test(body.slice(f.start, f.end))));
    });

    it('masks an account to its last four digits', () => {
      const f = scan(csv, 'csv').find((x) => x.ruleId === 'cn-bank-account')!;
      const raw = csv.slice(f.start, f.end);
      assert.equal(engine.masked(csv, f), '*'.repeat(raw.length - 4) + raw.slice(-4));
    });
  });

  describe('员工档案: an HR sheet with travel documents', () => {
    const rng = makeRng(2007);
    const header = '工号,姓名,身份证号,护照号码,港澳通行证,台胞证号,手机号';
    const rules = ['cn-resident-id', 'cn-passport', 'cn-hk-macau-permit', 'cn-taiwan-permit', 'cn-mobile'];
    const rows = [header];
    const expected: string[] = [];
    let offset = header.length + 1;
    for (let i = 0; i < 100; i++) {
      const legacy = i % 10 === 9;
      const cells = [
        `E${String(i).padStart(4, '0')}`,
        `员工${i}`,
        legacy ? notCard(rng, synthResidentId15) : synthResidentId(rng),
        synthPassport(rng),
        synthHkMacauPermit(rng, { kind: pick(rng, ['C', 'CX', 'W', 'H', 'M'] as const) }),
        synthTaiwanPermit(rng, { kind: i % 2 === 0 ? 'L' : 'tbz' }),
        synthMobile(rng),
      ];
      let col = offset + cells[0].length + 1 + cells[1].length + 1;
      cells.slice(2).forEach((cell, k) => {
        const rule = k === 0 && legacy ? 'cn-resident-id-15' : rules[k];
        expected.push(`${rule}@${col}-${col + cell.length}`);
        col += cell.length + 1;
      });
      const line = cells.join(',');
      rows.push(line);
      offset += line.length + 1;
    }
    const csv = rows.join('\n');

    it('finds each document under its header at its exact offset', () => {
      assert.deepEqual(ids(csv, 'csv'), expected);
    });

    it('context-only documents are medium with their header, absent without it', () => {
      const found = scan(csv, 'csv');
      for (const rule of ['cn-passport', 'cn-hk-macau-permit', 'cn-taiwan-permit', 'cn-resident-id-15']) {
        const mine = found.filter((f) => f.ruleId === rule);
        assert.ok(mine.length >= 10 && mine.every((f) => f.confidence === 'medium'), rule);
      }
      // Without the header row nothing context-only is left (an unlabelled EA…/CA… number that
      // passes the two-letter HKID check is reported as hk-id: the checksum is all there is).
      const body = rows.slice(1).join('\n');
      const contextOnly = new Set(['cn-resident-id-15', 'cn-passport', 'cn-hk-macau-permit', 'cn-taiwan-permit', 'cn-bank-account', 'mo-id']);
      assert.deepEqual(scan(body, 'csv').filter((f) => contextOnly.has(f.ruleId)), []);
    });

    it('finds a document whose type is named in a cell before it (证件类型, 证件号码)', () => {
      const passport = synthPassport(rng, { kind: 'E' });
      const permit = synthHkMacauPermit(rng);
      const text = `姓名,证件类型,证件号码\n张三,护照,${passport}\n李四,往来港澳通行证,${permit}\n`;
      assert.deepEqual(ids(text, 'csv'), [at(text, passport, 'cn-passport'), at(text, permit, 'cn-hk-macau-permit')]);
    });

    it('a passport or permit that also passes the two-letter HKID check stays what its label says', () => {
      const r = makeRng(9);
      let passport: string;
      do passport = synthPassport(r, { kind: 'EX' });
      while (!validHkid(passport));
      let permit: string;
      do permit = synthHkMacauPermit(r, { kind: 'CX' });
      while (!validHkid(permit));
      const csv = `姓名,护照号码,港澳通行证\n赵六,${passport},${permit}\n`;
      assert.deepEqual(ids(csv, 'csv'), [at(csv, passport, 'cn-passport'), at(csv, permit, 'cn-hk-macau-permit')]);
      assert.deepEqual(ids(`护照号码：${passport}`), [at(`护照号码：${passport}`, passport, 'cn-passport')]);
      // unlabelled, the checksum decides
      assert.deepEqual(ids(passport), [`hk-id@0-9`]);
    });

    it('a legacy 15-digit ID that also passes the organization code check stays a resident ID', () => {
      const r = makeRng(15);
      let id15: string;
      do id15 = synthResidentId15(r);
      while (cnTaxpayerIdVerdict(id15) === 0);
      const text = `姓名,身份证号\n王五,${id15}\n`;
      assert.deepEqual(ids(text, 'csv'), [at(text, id15, 'cn-resident-id-15')]);
    });
  });

  describe('Hong Kong, Macao and Taiwan IDs in text', () => {
    const rng = makeRng(852);

    it('finds an HKID as written on the card, plain, or with a space before the check character', () => {
      const hkid = synthHkid(rng, { letters: 1 });
      const plain = hkid.replace(/[()]/g, '');
      const spaced = `${plain.slice(0, -1)} ${plain.slice(-1)}`;
      for (const written of [hkid, plain, spaced, `身份证号码：${hkid}`, `hkid = "${plain}"`]) {
        const value = written.includes(hkid) ? hkid : written.includes(spaced) ? spaced : plain;
        const found = scan(written);
        assert.deepEqual(found.map((f) => `${f.ruleId}@${f.start}-${f.end}`), [at(written, value, 'hk-id')], written);
        assert.equal(found[0].confidence, 'high');
      }
      const two = synthHkid(rng, { letters: 2 });
      assert.deepEqual(ids(`香港身份證 ${two}`), [at(`香港身份證 ${two}`, two, 'hk-id')]);
    });

    it('masks an HKID to its prefix letter, keeping the parentheses', () => {
      const hkid = synthHkid(rng, { letters: 1 });
      const text = `身份证：${hkid}`;
      const [f] = scan(text);
      assert.equal(engine.masked(text, f), `${hkid[0]}******(*)`);
    });

    it('rejects an HKID with a wrong check character or next to a negative word', () => {
      const plain = synthHkid(rng, { written: 'plain' });
      const wrong = plain.slice(0, -1) + (plain.endsWith('0') ? '1' : '0');
      assert.deepEqual(ids(wrong), []);
      assert.deepEqual(ids(`型号 ${plain}`), []);
      assert.deepEqual(ids(`git commit ${plain.toLowerCase()}`), []);
    });

    it('finds a Macao ID only with its hotword, and never a date', () => {
      const mo = synthMoId(rng);
      assert.deepEqual(ids(`澳门身份证：${mo}`), [at(`澳门身份证：${mo}`, mo, 'mo-id')]);
      assert.deepEqual(ids(`澳門居民身份證 ${mo}`), [at(`澳門居民身份證 ${mo}`, mo, 'mo-id')]);
      assert.deepEqual(ids(mo), []);
      assert.deepEqual(ids('澳门身份证 出生日期 19900301'), []);
    });

    it('tells a bare 8-digit Macao ID from a Taiwan permit by the header', () => {
      const mo = synthMoId(rng, { written: 'plain' });
      const csv = `姓名,澳门身份证号,台胞证号\n陈七,${mo},${mo}\n`;
      const at2 = csv.lastIndexOf(mo);
      assert.deepEqual(ids(csv, 'csv'), [at(csv, mo, 'mo-id'), `cn-taiwan-permit@${at2}-${at2 + 8}`]);
    });

    it('finds Taiwan IDs bare (checksum) and the permit only with its hotword', () => {
      const tw = synthTwId(rng);
      assert.deepEqual(ids(tw), [`tw-id@0-10`]);
      assert.equal(scan(tw)[0].confidence, 'high');
      const ui = synthTwId(rng, { kind: 'ui' });
      assert.deepEqual(ids(`居留證統一證號：${ui}`), [at(`居留證統一證號：${ui}`, ui, 'tw-id')]);
      const permit = synthTaiwanPermit(rng);
      assert.deepEqual(ids(permit), []);
      assert.deepEqual(ids(`台胞证号码 ${permit}`), [at(`台胞证号码 ${permit}`, permit, 'cn-taiwan-permit')]);
      assert.deepEqual(ids('台胞证有效期至 20300115'), []);
    });
  });

  describe('bank accounts: found by header or hotword only', () => {
    const rng = makeRng(2003);

    it('finds an account next to 账号, 对公账号, account_no or bankAccount, in groups of four too', () => {
      for (const template of ['对公账号：{}', '开户行及账号：中国建设银行深圳分行 {}', 'account_no = "{}"', 'bankAccount: {}', '收款账户 {}']) {
        const account = synthBankAccount(rng);
        const text = template.replace('{}', account);
        assert.deepEqual(ids(text), [at(text, account, 'cn-bank-account')], template);
      }
      const grouped = synthBankAccount(rng, { length: 19 }).replace(/(\d{4})(?=\d)/g, '$1 ');
      assert.deepEqual(ids(`账号 ${grouped}`), [`cn-bank-account@3-${3 + grouped.length}`]);
    });

    it('leaves bare 9-25 digit numbers alone', () => {
      const numbers = Array.from({ length: 300 }, () => synthBankAccount(rng, { length: randInt(rng, 9, 25) }));
      assert.deepEqual(scan(numbers.join('\n')).filter((f) => MINE.has(f.ruleId)), []);
    });

    it('never swallows a card, a mobile number or a resident ID under an account header', () => {
      const card = synthBankCard(rng, 'unionpay', { length: 19 });
      const mobile = synthMobile(rng);
      const id = synthResidentId(rng);
      const csv = `户名,对公账号\n甲,${card}\n乙,${mobile}\n丙,${id}\n`;
      assert.deepEqual(ids(csv, 'csv'), [at(csv, card, 'bank-card'), at(csv, mobile, 'cn-mobile'), at(csv, id, 'cn-resident-id')]);
      const grouped = card.replace(/(\d{4})(?=\d)/g, '$1 ');
      assert.deepEqual(ids(`账号 ${grouped}`), [`bank-card@3-${3 + grouped.length}`]);
      // A UnionPay number failing Luhn is left to bank-card (which may report it as unproven).
      const failing = card.slice(0, -1) + String((Number(card.slice(-1)) + 1) % 10);
      for (const text of [`户名,对公账号\n甲,${failing}\n`, `姓名,银行卡号\n乙,${failing}\n`]) {
        assert.deepEqual(scan(text, 'csv', 'low').filter((f) => f.ruleId === 'cn-bank-account'), [], text);
      }
    });

    it('ignores timestamps, placeholders, amounts and bank branch codes near the hotword', () => {
      for (const text of ['账号 20240315123045', '账号：000000000000', '账号余额 1234567.89', '开户行：中国银行 联行号：104100000045']) {
        assert.deepEqual(scan(text).filter((f) => MINE.has(f.ruleId)), [], text);
      }
    });
  });

  describe('hard negatives: order, shipping and invoice numbers', () => {
    const rng = makeRng(4040);

    it('an order sheet with long numbers gives no finding', () => {
      const rows = ['订单号,下单时间,金额,快递单号,发票号码,备注'];
      for (let i = 0; i < 200; i++) {
        rows.push(
          [
            i % 2 ? `DD${randomDigits(rng, 18)}` : `2024${randomDigits(rng, 12 + (i % 6))}`,
            `2024-03-${String(1 + (i % 28)).padStart(2, '0')} 12:30:45`,
            `${randInt(rng, 1, 99999999)}.${randomDigits(rng, 2)}`,
            `${pick(rng, ['SF', 'JD', 'YT', 'ZTO'])}${randomDigits(rng, 13)}`,
            i % 2 ? randomDigits(rng, 8) : `24${randomDigits(rng, 18)}`,
            '已发货',
          ].join(','),
        );
      }
      assert.deepEqual(ids(rows.join('\n'), 'csv'), []);
    });

    it('text lines with negative words and no hotword give no finding of these rules', () => {
      const passport = synthPassport(rng);
      const permit = synthHkMacauPermit(rng);
      const lines = [
        '快递单号 SF1234567890123',
        '运单号：JD0012345678901',
        `订单号：${passport}`,
        `运单号 ${permit}`,
        '发票号码 24442000000012345678',
        'invoice_no = 12345678',
        '交易流水号：2024031512304512345 金额：1234567.89',
        `order_id=${randomDigits(rng, 15)}`,
        `批次号 ${synthResidentId15(rng)}`,
      ];
      for (const line of lines) assert.deepEqual(scan(line).filter((f) => MINE.has(f.ruleId)), [], line);
    });

    it('an all-digit legacy taxpayer ID is not reported bare, nor next to 注册号', () => {
      const tax = synthTaxpayerId(rng, { letters: false });
      assert.deepEqual(ids(tax), []);
      assert.deepEqual(ids(`营业执照注册号 ${tax}`), []);
      assert.deepEqual(ids(`税号：${tax}`), [at(`税号：${tax}`, tax, 'cn-taxpayer-id')]);
    });
  });
});
