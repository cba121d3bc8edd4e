import { validCnpj, validCpf } from '../brazil';
import { validIban } from '../iban';
import { validPan } from '../inPan';
import { mod11_10Valid } from '../iso7064';
import { rrnVerdict } from '../korea';
import { validMyNumber } from '../myNumber';
import { validSin } from '../sin';
import { validNric } from '../singapore';
import { validSteuerId } from '../steuerId';
import { CHECKSUM, STRUCTURE, type ValidatorDef } from '../types';
import { validNino } from '../ukNino';
import { validEin, validItin, validSsn } from '../usTaxIds';
import { validAadhaar, verhoeffValid } from '../verhoeff';
import { verdict } from '../verdict';

/** Validators for the international pack (rules/international.yaml), beyond the payment cards. */
export const internationalValidators: readonly ValidatorDef[] = [
  {
    name: 'verhoeff',
    strength: 'checksum',
    description: {
      en: 'Verhoeff check digit is valid',
      'zh-CN': 'Verhoeff 校验位有效',
    },
    validate: verdict(verhoeffValid, CHECKSUM),
  },
  {
    name: 'iso7064-mod11-10',
    strength: 'checksum',
    description: {
      en: 'ISO 7064 MOD 11,10 check digit is valid',
      'zh-CN': 'ISO 7064 MOD 11,10 校验位有效',
    },
    validate: verdict(mod11_10Valid, CHECKSUM),
  },
  {
    name: 'iban-mod97',
    strength: 'checksum',
    description: {
      en: 'ISO 7064 MOD 97-10 check digits are valid, and the country, length and account number format match the SWIFT IBAN registry (ISO 13616)',
      'zh-CN': 'ISO 7064 MOD 97-10 校验位有效，且国家代码、长度和账号格式符合 SWIFT IBAN 登记册(ISO 13616)',
    },
    validate: verdict(validIban, CHECKSUM),
  },
  {
    name: 'us-ssn',
    strength: 'structure',
    description: {
      en: 'Area, group and serial numbers are ones SSA issues (not 000/666/9xx, 00, 0000) and the number is not a voided advertising number; SSNs have no check digit',
      'zh-CN': '区号、组号和序号属于美国社会保障局发放的范围(不是 000/666/9xx、00、0000)，且不是已作废的广告号码；社会安全号码没有校验位',
    },
    validate: verdict(validSsn, STRUCTURE),
  },
  {
    name: 'us-itin',
    strength: 'structure',
    description: {
      en: 'Starts with 9 and the 4th-5th digits are in an IRS ITIN range (50-65, 70-88, 90-92, 94-99); ITINs have no check digit',
      'zh-CN': '以 9 开头，且第 4-5 位在美国国税局 ITIN 范围内(50-65、70-88、90-92、94-99)；ITIN 没有校验位',
    },
    validate: verdict(validItin, STRUCTURE),
  },
  {
    name: 'us-ein',
    strength: 'structure',
    description: {
      en: 'The 2-digit prefix is one the IRS assigns (campus or channel); EINs have no check digit',
      'zh-CN': '前 2 位是美国国税局使用的前缀(受理中心或渠道)；雇主识别号没有校验位',
    },
    validate: verdict(validEin, STRUCTURE),
  },
  {
    name: 'uk-nino',
    strength: 'structure',
    description: {
      en: 'Prefix letters allowed by HMRC (no D, F, I, Q, U, V; no O second; not BG, GB, KN, NK, NT, TN, ZZ), 6 digits and suffix A-D; NI numbers have no check character',
      'zh-CN': '前缀字母符合英国税务海关总署规则(不含 D、F、I、Q、U、V，第二位不为 O，不是 BG、GB、KN、NK、NT、TN、ZZ)，6 位数字，后缀 A-D；国民保险号没有校验位',
    },
    validate: verdict(validNino, STRUCTURE),
  },
  {
    name: 'ca-sin',
    strength: 'checksum',
    description: {
      en: 'Luhn check digit is valid and the first digit is not 0 or 8',
      'zh-CN': 'Luhn 校验位有效，且首位不是 0 或 8',
    },
    validate: verdict(validSin, CHECKSUM),
  },
  {
    name: 'in-aadhaar',
    strength: 'checksum',
    description: {
      en: 'Verhoeff check digit is valid, the first digit is 2-9 and the number is not a palindrome',
      'zh-CN': 'Verhoeff 校验位有效，首位为 2-9，且不是回文数',
    },
    validate: verdict(validAadhaar, CHECKSUM),
  },
  {
    name: 'in-pan',
    strength: 'structure',
    description: {
      en: '5 letters (the 4th a known holder type), a serial 0001-9999 and a letter; the PAN check letter algorithm is not published',
      'zh-CN': '5 个字母(第 4 位是已知的持有人类型)、0001-9999 的序号和 1 个字母；PAN 校验字母的算法未公开',
    },
    validate: verdict(validPan, STRUCTURE),
  },
  {
    name: 'sg-nric',
    strength: 'checksum',
    description: {
      en: 'Series letter S, T, F, G or M, 7 digits and a valid check letter (weights 2,7,6,5,4,3,2, mod 11)',
      'zh-CN': '系列字母 S、T、F、G 或 M，7 位数字，校验字母有效(权重 2,7,6,5,4,3,2，模 11)',
    },
    validate: verdict(validNric, CHECKSUM),
  },
  {
    name: 'br-cpf',
    strength: 'checksum',
    description: {
      en: 'Both MOD 11 check digits are valid and the number is not one repeated digit',
      'zh-CN': '两位模 11 校验位均有效，且不是同一数字的重复',
    },
    validate: verdict(validCpf, CHECKSUM),
  },
  {
    name: 'br-cnpj',
    strength: 'checksum',
    description: {
      en: 'Both MOD 11 check digits are valid (numeric or, from July 2026, alphanumeric CNPJ)',
      'zh-CN': '两位模 11 校验位均有效(数字 CNPJ，或 2026 年 7 月起的字母数字 CNPJ)',
    },
    validate: verdict(validCnpj, CHECKSUM),
  },
  {
    name: 'kr-rrn',
    strength: 'checksum',
    description: {
      en: 'Real birth date with a valid sex/century digit; the check digit is verified where the number has one (numbers assigned since October 2020 have none, so a failing check only lowers confidence)',
      'zh-CN': '出生日期真实且性别/世纪位有效；有校验位的号码验证校验位(2020 年 10 月起新分配的号码没有校验位，校验不通过只降低置信度)',
    },
    validate: rrnVerdict,
  },
  {
    name: 'jp-my-number',
    strength: 'checksum',
    description: {
      en: 'Check digit (weights 6,5,4,3,2,7,6,5,4,3,2, mod 11) is valid and the number is not one repeated digit',
      'zh-CN': '校验位(权重 6,5,4,3,2,7,6,5,4,3,2，模 11)有效，且不是同一数字的重复',
    },
    validate: verdict(validMyNumber, CHECKSUM),
  },
  {
    name: 'de-tax-id',
    strength: 'checksum',
    description: {
      en: 'ISO 7064 MOD 11,10 check digit is valid, the first digit is not 0, and in the first 10 digits exactly one digit repeats (2 or 3 times, never 3 in a row)',
      'zh-CN': 'ISO 7064 MOD 11,10 校验位有效，首位不为 0，且前 10 位中恰有一个数字重复(2 或 3 次，不连续出现 3 次)',
    },
    validate: verdict(validSteuerId, CHECKSUM),
  },
];
