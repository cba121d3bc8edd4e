/**
 * Registry of the built-in validators that rule files name in their `validator` field.
 * Rule files are data: they can only pick one of these by name.
 */

import { bankCardVerdict } from './bankCard';
import { validCnMobile } from './cnMobile';
import { validResidentId15, validResidentId18 } from './cnResidentId';
import { mod11_2Valid } from './iso7064';
import { luhnValid } from './luhn';
import { CHECKSUM, STRUCTURE, type ValidatorDef } from './types';
import { verdict } from './verdict';
import { greaterChinaValidators } from './packs/greaterChina';
import { internationalValidators } from './packs/international';
import { validUscc } from './uscc';
import { excelMangledVerdict } from './excelMangled';

const DEFS: readonly ValidatorDef[] = [
  {
    name: 'luhn',
    strength: 'checksum',
    description: {
      en: 'Luhn (mod 10) check digit is valid',
      'zh-CN': 'Luhn(模 10)校验位有效',
    },
    validate: verdict(luhnValid, CHECKSUM),
  },
  {
    name: 'iso7064-mod11-2',
    strength: 'checksum',
    description: {
      en: 'ISO 7064 MOD 11-2 check character is valid',
      'zh-CN': 'ISO 7064 MOD 11-2 校验码有效',
    },
    validate: verdict(mod11_2Valid, CHECKSUM),
  },
  {
    name: 'cn-resident-id',
    strength: 'checksum',
    description: {
      en: 'ISO 7064 MOD 11-2 check character, birth date and GB/T 2260 region code are valid',
      'zh-CN': '校验码(ISO 7064 MOD 11-2)、出生日期和行政区划代码均有效',
    },
    validate: verdict(validResidentId18, CHECKSUM),
  },
  {
    name: 'cn-resident-id-15',
    strength: 'structure',
    description: {
      en: 'GB/T 2260 region code and birth date (19YYMMDD) are valid; 15-digit numbers have no check digit',
      'zh-CN': '行政区划代码和出生日期(19YYMMDD)有效；15 位号码没有校验码',
    },
    validate: verdict(validResidentId15, STRUCTURE),
  },
  {
    name: 'uscc',
    strength: 'checksum',
    description: {
      en: 'GB 32100 MOD 31 check character, embedded GB 11714 organization code check, registration department and type are valid',
      'zh-CN': '校验码(GB 32100 模 31)、组织机构代码校验码(GB 11714)、登记管理部门和机构类别均有效',
    },
    validate: verdict(validUscc, CHECKSUM),
  },
  {
    name: 'bank-card',
    strength: 'checksum',
    description: {
      en: 'Luhn check digit is valid and the number is in a known card network range (IIN) with an allowed length',
      'zh-CN': 'Luhn 校验位有效，且卡号属于已知卡组织号段(IIN)并符合该卡组织的长度',
    },
    validate: bankCardVerdict,
  },
  {
    name: 'excel-mangled',
    strength: 'structure',
    description: {
      en: 'A long number as Excel damages it (scientific notation like 1.10105E+17, or cut to 15 significant digits); the digits left still show an ID or card number',
      'zh-CN': 'Excel 损坏的长数字（科学计数法如 1.10105E+17，或只保留 15 位有效数字）；剩余数字仍可看出是身份证号或银行卡号',
    },
    validate: excelMangledVerdict,
  },
  {
    name: 'cn-mobile',
    strength: 'structure',
    description: {
      en: 'An 11-digit number in a mobile segment allocated by MIIT (optionally with country code 86); mobile numbers have no check digit',
      'zh-CN': '属于工信部已分配移动号段的 11 位号码(可带国家码 86)；手机号没有校验位',
    },
    validate: verdict(validCnMobile, STRUCTURE),
  },
];

/** All built-in validators, by name. */
export const validators: ReadonlyMap<string, ValidatorDef> = new Map(
  [...DEFS, ...greaterChinaValidators, ...internationalValidators].map((d) => [d.name, Object.freeze(d)] as const),
);

/** The built-in validator with this name, or undefined. */
export function getValidator(name: string): ValidatorDef | undefined {
  return validators.get(name);
}

export { CHECKSUM, INVALID, STRUCTURE, WEAK } from './types';
export type { Localized, ValidatorDef, Verdict } from './types';
