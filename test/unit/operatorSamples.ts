/**
 * Valid values of every built-in rule (but excel-mangled), their written forms and a context in
 * which their rule finds them, for the redaction operator tests (fake.test.ts, operators.test.ts).
 * All values are synthetic (test/support/synth*.ts).
 */

import type { FileKind } from '../../server/src/engine/types';
import type { CardBrand } from '../../server/src/engine/validators/bankCard';
import { validBankCard } from '../../server/src/engine/validators/bankCard';
import { pick, synthBankCard, synthMobile, synthResidentId, synthResidentId15, synthUscc, type Rng } from '../support/synth';
import { synthBankAccount, synthHkid, synthHkMacauPermit, synthMoId, synthPassport, synthTaiwanPermit, synthTaxpayerId, synthTwId } from '../support/synthCn';
import * as S from '../support/synthIntl';

/** How a rule's values are drawn, written and put in context, for the property tests. */
export interface Sample {
  /** A valid normalized value. */
  value: (rng: Rng) => string;
  /** Written forms of the value (the first is the compact one). */
  layouts: (v: string) => string[];
  /** A hotword before the value (plain text) and a column header naming the type (CSV). */
  label: string;
  header: string;
}

const compact = (v: string) => [v];
export const groups = (v: string, sizes: number[], sep = ' ') => {
  const out: string[] = [];
  let at = 0;
  for (const n of sizes) {
    out.push(v.slice(at, at + n));
    at += n;
  }
  return out.join(sep);
};
export const fullWidth = (v: string) => v.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
/** 15-digit values from 34…/37… regions may be Amex numbers, which bank-card takes: the tests skip those. */
const notCard = (make: (rng: Rng) => string) => (rng: Rng) => {
  for (;;) {
    const v = make(rng);
    if (!validBankCard(v)) return v;
  }
};
export const CARD_BRANDS: CardBrand[] = ['unionpay', 'visa', 'mastercard', 'amex', 'discover', 'jcb', 'diners', 'mir', 'maestro', 'cn-domestic'];

export const SAMPLES: Record<string, Sample> = {
  'cn-resident-id': {
    value: (rng) => synthResidentId(rng, { checkX: rng() < 0.2, permit: rng() < 0.1 ? pick(rng, ['hk', 'mo', 'tw'] as const) : undefined }),
    layouts: (v) => [v, groups(v, [6, 8, 4]), groups(v, [6, 4, 4, 4]), fullWidth(v), v.toLowerCase()],
    label: '身份证号：',
    header: '身份证号',
  },
  'cn-resident-id-15': { value: notCard(synthResidentId15), layouts: (v) => [v, groups(v, [6, 6, 3])], label: '身份证号：', header: '身份证号' },
  'cn-uscc': { value: (rng) => synthUscc(rng), layouts: (v) => [v, v.toLowerCase(), fullWidth(v)], label: '统一社会信用代码：', header: '统一社会信用代码' },
  'cn-mobile': {
    value: (rng) => pick(rng, ['', '', '86', '0086']) + synthMobile(rng),
    layouts: (v) => {
      const core = v.slice(v.length - 11);
      const cc = v.slice(0, v.length - 11);
      if (cc === '86') return [v, `+${v}`, `+86 ${core}`, `+86 ${groups(core, [3, 4, 4])}`, `86 ${core}`];
      if (cc === '0086') return [v, `0086 ${core}`, `0086 ${groups(core, [3, 4, 4])}`];
      return [v, groups(v, [3, 4, 4]), groups(v, [3, 4, 4], '-'), fullWidth(v)];
    },
    label: '手机 ',
    header: '手机号',
  },
  'cn-taxpayer-id': {
    value: notCard((rng) => synthTaxpayerId(rng, { form: pick(rng, ['org', 'org', 'id17', 'id20'] as const) })),
    layouts: (v) => [v, v.toLowerCase()],
    label: '纳税人识别号：',
    header: '纳税人识别号',
  },
  'cn-passport': { value: (rng) => synthPassport(rng, { kind: pick(rng, ['E', 'EX', 'G', 'DE', 'SE', 'PE'] as const) }), layouts: (v) => [v, v.toLowerCase()], label: '护照号码：', header: '护照号码' },
  'cn-hk-macau-permit': {
    value: (rng) => synthHkMacauPermit(rng, { kind: pick(rng, ['C', 'CX', 'W', 'H', 'M'] as const), renewals: rng() < 0.3 }),
    layouts: compact,
    label: '港澳通行证：',
    header: '港澳通行证号码',
  },
  'cn-taiwan-permit': {
    value: (rng) => synthTaiwanPermit(rng, { kind: pick(rng, ['tbz', 'L', 'booklet'] as const) }),
    layouts: (v) => (v.length === 11 ? [v, `${v.slice(0, 10)}(${v[10]})`] : [v]),
    label: '台胞证：',
    header: '台胞证号码',
  },
  'cn-bank-account': {
    value: (rng) => synthBankAccount(rng, { length: pick(rng, [9, 12, 15, 16, 17, 19, 20, 21, 22, 25]) }),
    layouts: (v) => (v.length >= 16 && v.length <= 23 ? [v, v.replace(/(.{4})(?=.)/g, '$1 ')] : [v]),
    label: '对公账号：',
    header: '对公账号',
  },
  'hk-id': {
    value: (rng) => synthHkid(rng, { written: 'plain' }),
    layouts: (v) => [v, `${v.slice(0, -1)}(${v.slice(-1)})`, `${v.slice(0, -1)}(${v.slice(-1)})`.toLowerCase()],
    label: '香港身份證 ',
    header: '香港身份证号码',
  },
  'mo-id': { value: (rng) => synthMoId(rng, { written: 'plain' }), layouts: (v) => [v, `${v.slice(0, 7)}(${v[7]})`, `${v[0]}/${v.slice(1, 7)}/${v[7]}`], label: '澳门身份证：', header: '澳门身份证' },
  'tw-id': { value: (rng) => synthTwId(rng, { kind: pick(rng, ['national', 'ui', 'ui-old'] as const) }), layouts: (v) => [v, v.toLowerCase()], label: '身分證字號：', header: '统一编号' },
  'bank-card': {
    value: (rng) => synthBankCard(rng, pick(rng, CARD_BRANDS)),
    layouts: (v) => {
      const out = [v];
      if (v.length === 16) out.push(groups(v, [4, 4, 4, 4]), groups(v, [4, 4, 4, 4], '-'));
      if (v.length === 19) out.push(groups(v, [4, 4, 4, 4, 3]));
      if (v.length === 15) out.push(groups(v, [4, 6, 5]));
      return out;
    },
    label: '银行卡号 ',
    header: '银行卡号',
  },
  iban: {
    value: (rng) => S.synthIban(rng),
    layouts: (v) => (v.length <= 32 ? [v, S.formatIban(v), v.toLowerCase()] : [v, v.toLowerCase()]),
    label: 'IBAN: ',
    header: 'IBAN',
  },
  'us-ssn': { value: S.synthSsn, layouts: (v) => [S.formatSsn(v)], label: 'SSN: ', header: 'SSN' },
  'us-itin': { value: S.synthItin, layouts: (v) => [S.formatSsn(v)], label: 'ITIN: ', header: 'ITIN' },
  'us-ein': { value: S.synthEin, layouts: (v) => [S.formatEin(v)], label: 'EIN: ', header: 'EIN' },
  'ca-sin': { value: S.synthSin, layouts: (v) => [S.formatSin(v), S.formatSin(v, '-')], label: 'SIN: ', header: 'Social Insurance Number' },
  'uk-nino': { value: S.synthNino, layouts: (v) => [v, S.formatNino(v), v.toLowerCase(), v.slice(0, 8)], label: 'NINO: ', header: 'NI number' },
  'in-aadhaar': { value: S.synthAadhaar, layouts: (v) => [S.format444(v)], label: 'Aadhaar: ', header: 'Aadhaar' },
  'jp-my-number': { value: S.synthMyNumber, layouts: (v) => [S.format444(v), groups(v, [4, 4, 4], '-')], label: 'My Number: ', header: 'マイナンバー' },
  'in-pan': { value: (rng) => S.synthPan(rng), layouts: (v) => [v, v.toLowerCase()], label: 'PAN: ', header: 'PAN' },
  'sg-nric': { value: (rng) => S.synthNric(rng), layouts: (v) => [v, v.toLowerCase()], label: 'NRIC: ', header: 'NRIC' },
  'br-cpf': { value: S.synthCpf, layouts: (v) => [S.formatCpf(v), `${v.slice(0, 9)}-${v.slice(9)}`], label: 'CPF: ', header: 'CPF' },
  'de-tax-id': { value: S.synthSteuerId, layouts: (v) => [S.formatSteuerId(v)], label: 'Steuer-ID: ', header: 'Steuer-ID' },
  'br-cnpj': {
    value: (rng) => S.synthCnpj(rng, { alphanumeric: rng() < 0.3 }),
    layouts: (v) => [S.formatCnpj(v), `${v.slice(0, 8)}/${v.slice(8, 12)}-${v.slice(12)}`],
    label: 'CNPJ: ',
    header: 'CNPJ',
  },
  'kr-rrn': { value: (rng) => S.synthRrn(rng, { foreigner: rng() < 0.3 }), layouts: (v) => [S.formatRrn(v)], label: 'RRN: ', header: '주민등록번호' },
};

/** The written value in a text where its rule finds it: after a hotword, or under a CSV header. */
export function inContext(sample: Sample, written: string, kind: FileKind): { text: string; start: number } {
  if (kind === 'csv') {
    const head = `name,${sample.header},note\nrow1,`;
    return { text: `${head}${written},x\n`, start: head.length };
  }
  const head = `${sample.label}`;
  return { text: `line one\n${head}${written}\nend\n`, start: 'line one\n'.length + head.length };
}

