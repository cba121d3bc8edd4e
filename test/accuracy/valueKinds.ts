// What the labelled corpus is made of: for each rule, how to write a synthetic value and the
// words that introduce it (column headers, inline hotwords, code identifiers); and the hard
// negatives an accountant's exports and a developer's code are full of.
import { makeRng, pick, randInt, randomDigits, synthBankCard, synthMobile, synthResidentId, synthResidentId15, synthUscc, type Rng } from '../support/synth';
import { synthBankAccount, synthHkid, synthHkMacauPermit, synthMoId, synthPassport, synthTaiwanPermit, synthTaxpayerId, synthTwId } from '../support/synthCn';
import {
  format444,
  formatCnpj,
  formatCpf,
  formatIban,
  formatNino,
  formatRrn,
  formatSin,
  formatSsn,
  synthAadhaar,
  synthCnpj,
  synthCpf,
  synthEin,
  synthIban,
  synthItin,
  synthMyNumber,
  synthNino,
  synthNric,
  synthPan,
  synthRrn,
  synthSin,
  synthSsn,
  synthSteuerId,
} from '../support/synthIntl';

export interface ValueKind {
  ruleId: string;
  /** The value as people write it (separators and all). */
  make(rng: Rng): string;
  headers: string[];
  inline: string[];
  code: string[];
  /** Context-only rules: the corpus always gives them a header or hotword. */
  needsContext?: boolean;
}

const grouped = (v: string, size = 4) => v.replace(new RegExp(`(.{${size}})(?=.)`, 'g'), '$1 ');

export const VALUE_KINDS: ValueKind[] = [
  {
    ruleId: 'cn-resident-id',
    make: (rng) => (rng() < 0.1 ? synthResidentId(rng, { checkX: true }) : synthResidentId(rng)),
    headers: ['身份证号', '证件号码', '身份证号码', 'ID Number'],
    inline: ['身份证号：', '证件号 ', '公民身份号码'],
    code: ['idNumber', 'id_card', 'idCardNo'],
  },
  {
    ruleId: 'cn-uscc',
    make: (rng) => synthUscc(rng),
    headers: ['统一社会信用代码', '纳税人识别号', '税号'],
    inline: ['统一社会信用代码：', '税号 '],
    code: ['creditCode', 'tax_id', 'uscc'],
  },
  {
    ruleId: 'bank-card',
    make: (rng) => {
      const card = rng() < 0.7 ? synthBankCard(rng) : synthBankCard(rng, pick(rng, ['visa', 'mastercard', 'amex', 'jcb'] as const));
      if (rng() >= 0.25) return card;
      // Written as printed on the card: Amex 4-6-5, the others in fours.
      return card.length === 15 ? `${card.slice(0, 4)} ${card.slice(4, 10)} ${card.slice(10)}` : grouped(card);
    },
    headers: ['银行卡号', '工资卡号', '卡号', 'Card Number'],
    inline: ['银行卡号：', '卡号 ', '收款卡号'],
    code: ['cardNo', 'card_number', 'bankCard'],
  },
  {
    ruleId: 'cn-mobile',
    make: (rng) => {
      const m = synthMobile(rng);
      const r = rng();
      return r < 0.15 ? `+86 ${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}` : r < 0.25 ? `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}` : m;
    },
    headers: ['手机号', '联系电话', '手机', 'Mobile'],
    inline: ['手机：', '联系电话 ', 'tel: '],
    code: ['mobile', 'phone', 'contactPhone'],
  },
  // Mainland extras, Hong Kong, Macau, Taiwan.
  { ruleId: 'cn-resident-id-15', make: synthResidentId15, headers: ['身份证号（15位）', '旧身份证号'], inline: ['身份证号：'], code: ['oldIdNumber'], needsContext: true },
  { ruleId: 'cn-taxpayer-id', make: (rng) => synthTaxpayerId(rng), headers: ['纳税人识别号', '税务登记号'], inline: ['纳税人识别号：'], code: ['taxpayerId'], needsContext: true },
  { ruleId: 'cn-bank-account', make: (rng) => synthBankAccount(rng), headers: ['对公账号', '开户账号', '银行账号'], inline: ['对公账号：', '账号 '], code: ['bankAccount', 'account_no'], needsContext: true },
  { ruleId: 'cn-passport', make: (rng) => synthPassport(rng), headers: ['护照号码', '护照号'], inline: ['护照号码：'], code: ['passportNo'], needsContext: true },
  { ruleId: 'cn-hk-macau-permit', make: (rng) => synthHkMacauPermit(rng), headers: ['港澳通行证号码', '往来港澳通行证'], inline: ['港澳通行证：'], code: ['hkMacauPermit'], needsContext: true },
  { ruleId: 'cn-taiwan-permit', make: (rng) => synthTaiwanPermit(rng), headers: ['台胞证号码', '台湾通行证'], inline: ['台胞证：'], code: ['taiwanPermit'], needsContext: true },
  { ruleId: 'hk-id', make: (rng) => synthHkid(rng), headers: ['香港身份证号码', 'HKID'], inline: ['香港身份证：', 'HKID '], code: ['hkid'] },
  { ruleId: 'mo-id', make: (rng) => synthMoId(rng), headers: ['澳门身份证号码'], inline: ['澳门身份证：'], code: ['macauId'], needsContext: true },
  { ruleId: 'tw-id', make: (rng) => synthTwId(rng), headers: ['台湾身份证字号', '身分證字號'], inline: ['身分證字號：'], code: ['twId'] },
  // International.
  { ruleId: 'iban', make: (rng) => (rng() < 0.5 ? formatIban(synthIban(rng)) : synthIban(rng)), headers: ['IBAN', '国际银行账号'], inline: ['IBAN: '], code: ['iban'] },
  { ruleId: 'us-ssn', make: (rng) => formatSsn(synthSsn(rng)), headers: ['SSN', 'Social Security Number'], inline: ['SSN: '], code: ['ssn'], needsContext: true },
  { ruleId: 'us-itin', make: (rng) => formatSsn(synthItin(rng)), headers: ['ITIN'], inline: ['ITIN: '], code: ['itin'], needsContext: true },
  { ruleId: 'us-ein', make: (rng) => formatEinSafe(synthEin(rng)), headers: ['EIN', 'Employer ID'], inline: ['EIN: '], code: ['ein'], needsContext: true },
  { ruleId: 'uk-nino', make: (rng) => formatNino(synthNino(rng)), headers: ['National Insurance Number', 'NINO'], inline: ['NI number: '], code: ['nino'], needsContext: true },
  { ruleId: 'ca-sin', make: (rng) => formatSin(synthSin(rng)), headers: ['SIN', 'Social Insurance Number'], inline: ['SIN: '], code: ['sin'], needsContext: true },
  { ruleId: 'in-aadhaar', make: (rng) => format444(synthAadhaar(rng)), headers: ['Aadhaar', 'Aadhaar Number'], inline: ['Aadhaar: '], code: ['aadhaar'], needsContext: true },
  { ruleId: 'in-pan', make: (rng) => synthPan(rng), headers: ['PAN', 'PAN Number'], inline: ['PAN: '], code: ['panNumber'], needsContext: true },
  { ruleId: 'sg-nric', make: (rng) => synthNric(rng), headers: ['NRIC', 'NRIC/FIN'], inline: ['NRIC: '], code: ['nric'] },
  { ruleId: 'br-cpf', make: (rng) => formatCpf(synthCpf(rng)), headers: ['CPF'], inline: ['CPF: '], code: ['cpf'], needsContext: true },
  { ruleId: 'br-cnpj', make: (rng) => formatCnpj(synthCnpj(rng)), headers: ['CNPJ'], inline: ['CNPJ: '], code: ['cnpj'], needsContext: true },
  { ruleId: 'kr-rrn', make: (rng) => formatRrn(synthRrn(rng)), headers: ['주민등록번호', 'RRN'], inline: ['주민등록번호: '], code: ['rrn'], needsContext: true },
  { ruleId: 'jp-my-number', make: (rng) => format444(synthMyNumber(rng)), headers: ['マイナンバー', 'My Number'], inline: ['マイナンバー: '], code: ['myNumber'], needsContext: true },
  { ruleId: 'de-tax-id', make: (rng) => synthSteuerId(rng), headers: ['Steuer-ID', 'Steueridentifikationsnummer'], inline: ['Steuer-ID: '], code: ['steuerId'], needsContext: true },
];

function formatEinSafe(v: string): string {
  return `${v.slice(0, 2)}-${v.slice(2)}`;
}

/** Hard negatives: numbers that look like identifiers and are not, with the headers they come under. */
export interface NegativeKind {
  name: string;
  make(rng: Rng): string;
  headers: string[];
  code: string[];
}

const ean13 = (rng: Rng) => {
  const body = `69${randomDigits(rng, 10)}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 ? 3 : 1);
  return body + ((10 - (sum % 10)) % 10);
};
const hex = (rng: Rng, n: number) => Array.from({ length: n }, () => '0123456789abcdef'[randInt(rng, 0, 15)]).join('');

export const NEGATIVE_KINDS: NegativeKind[] = [
  { name: 'order number', make: (rng) => `${randInt(rng, 1, 9)}${randomDigits(rng, 18)}`, headers: ['订单号', '订单编号', 'Order ID'], code: ['orderId', 'order_no'] },
  { name: 'millisecond timestamp', make: (rng) => String(1_500_000_000_000 + randInt(rng, 0, 300_000_000_000)), headers: ['时间戳', '下单时间'], code: ['createdAt', 'timestamp'] },
  { name: 'EAN-13 barcode', make: ean13, headers: ['条码', '商品条码', 'Barcode'], code: ['barcode', 'ean'] },
  { name: '20-digit invoice number', make: (rng) => `${randInt(rng, 1, 9)}${randomDigits(rng, 19)}`, headers: ['发票号码', '发票号'], code: ['invoiceNo'] },
  { name: 'express tracking number', make: (rng) => (rng() < 0.5 ? `SF${randomDigits(rng, 12)}` : `${pick(rng, ['75', '78', '43'])}${randomDigits(rng, 13)}`), headers: ['快递单号', '运单号'], code: ['trackingNo'] },
  { name: 'serial number', make: (rng) => `${randInt(rng, 1, 9)}${randomDigits(rng, randInt(rng, 14, 21))}`, headers: ['流水号', '交易流水号'], code: ['traceId', 'txn_id'] },
  { name: 'UUID', make: (rng) => `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`, headers: ['UUID'], code: ['uuid', 'requestId'] },
  { name: 'hash', make: (rng) => hex(rng, pick(rng, [32, 40, 64])), headers: ['SHA'], code: ['sha', 'etag'] },
  { name: 'version string', make: (rng) => `${randInt(rng, 0, 20)}.${randInt(rng, 0, 40)}.${randInt(rng, 0, 200)}`, headers: ['版本'], code: ['version'] },
  { name: 'amount', make: (rng) => `${randInt(rng, 1, 9_999_999_999)}.${randomDigits(rng, 2)}`, headers: ['金额', '应发工资', 'Amount'], code: ['amount', 'total'] },
  { name: 'long digit run', make: (rng) => `${randInt(rng, 1, 9)}${randomDigits(rng, randInt(rng, 20, 30))}`, headers: ['备注'], code: ['nonce'] },
];

export { makeRng };
