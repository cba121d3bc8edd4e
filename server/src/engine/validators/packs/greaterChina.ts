import { validCnBankAccount } from '../cnBankAccount';
import { cnTaxpayerIdVerdict } from '../cnTaxpayerId';
import { validCnHkMacauPermit, validCnPassport, validCnTaiwanPermit } from '../cnTravelDocuments';
import { validHkid } from '../hkid';
import { validMoId } from '../moId';
import { validTwId } from '../twId';
import { CHECKSUM, STRUCTURE, WEAK, type ValidatorDef } from '../types';
import { verdict } from '../verdict';

/** Validators for the mainland extras and the Hong Kong, Macau, Taiwan pack (rules/hk-mo-tw.yaml). */
export const greaterChinaValidators: readonly ValidatorDef[] = [
  {
    name: 'cn-taxpayer-id',
    strength: 'checksum',
    description: {
      en: 'Legacy taxpayer ID: region code + GB 11714 organization code with a valid check character (15), or a resident ID + 2-digit sequence (17/20, the 18-digit ID fully checked); an all-digit 15-digit number only counts with a hotword or header',
      'zh-CN': '旧版纳税人识别号：行政区划码 + 组织机构代码且校验码(GB 11714)有效(15 位)，或身份证号 + 2 位顺序码(17/20 位，18 位身份证号全面校验)；全数字的 15 位号码须有关键词或列名才报告',
    },
    validate: cnTaxpayerIdVerdict,
  },
  {
    name: 'cn-bank-account',
    strength: 'structure',
    description: {
      en: '9-25 digits, not a repeated digit or a timestamp; account numbers have no common check digit, so only a header or hotword (账号, account no…) makes it a finding',
      'zh-CN': '9-25 位数字，且不是重复数字或时间戳；银行账号没有统一的校验位，只有列名或关键词(账号、account no 等)才会报告',
    },
    // WEAK: the weakest evidence of all rules, so any other rule's value of the same span ranks above it.
    validate: verdict(validCnBankAccount, WEAK),
  },
  {
    name: 'cn-passport',
    strength: 'structure',
    description: {
      en: 'PRC passport number format: E + 8 digits, E + letter + 7 digits, G + 8 digits, or DE/SE/PE + 7 digits; passport numbers have no check digit',
      'zh-CN': '中国护照号码格式：E + 8 位数字、E + 字母 + 7 位数字、G + 8 位数字，或 DE/SE/PE + 7 位数字；护照号码没有校验位',
    },
    validate: verdict(validCnPassport, STRUCTURE),
  },
  {
    name: 'cn-hk-macau-permit',
    strength: 'structure',
    description: {
      en: 'Hong Kong/Macao permit number format: C or W + 8 digits, C + letter + 7 digits (往来港澳通行证), H or M + 8 or 10 digits (回乡证); no check digit',
      'zh-CN': '港澳通行证号码格式：C 或 W + 8 位数字、C + 字母 + 7 位数字(往来港澳通行证)，H 或 M + 8 或 10 位数字(回乡证)；没有校验位',
    },
    validate: verdict(validCnHkMacauPermit, STRUCTURE),
  },
  {
    name: 'cn-taiwan-permit',
    strength: 'structure',
    description: {
      en: 'Taiwan permit number format: 8 digits that are not a date, or 10 digits + issuing-office letter (台胞证), L + 8 digits (往来台湾通行证); no check digit',
      'zh-CN': '台湾通行证号码格式：非日期形式的 8 位数字，或 10 位数字 + 签发机关字母(台胞证)，L + 8 位数字(往来台湾通行证)；没有校验位',
    },
    validate: verdict(validCnTaiwanPermit, STRUCTURE),
  },
  {
    name: 'hk-id',
    strength: 'checksum',
    description: {
      en: 'HKID: 1-2 letters, 6 digits and a valid weighted mod 11 check character (0-9 or A)',
      'zh-CN': '香港身份证号码：1-2 个字母、6 位数字，且加权模 11 校验码(0-9 或 A)有效',
    },
    validate: verdict(validHkid, CHECKSUM),
  },
  {
    name: 'mo-id',
    strength: 'structure',
    description: {
      en: 'Macao resident ID format: 8 digits starting with 1, 5 or 7, not a date; the check digit algorithm is not published',
      'zh-CN': '澳门居民身份证号码格式：以 1、5 或 7 开头的 8 位数字且不是日期；校验位算法未公开',
    },
    validate: verdict(validMoId, STRUCTURE),
  },
  {
    name: 'tw-id',
    strength: 'checksum',
    description: {
      en: 'Taiwan national ID or resident certificate (UI) number: region letter, 1/2/8/9 or A-D, 7 digits and a valid weighted mod 10 check digit',
      'zh-CN': '台湾身份证统一编号或居留证统一证号：地区字母、1/2/8/9 或 A-D、7 位数字，且加权模 10 校验码有效',
    },
    validate: verdict(validTwId, CHECKSUM),
  },
];
