// What can be wrong in a rule pack or a `.sdguard.yaml`, in both languages: a RuleFileError says
// it in the user's (the editor's on the file, the CLI's on its error line). The engine keeps its
// own table, as rule names are its own: it depends on no presentation layer.
import type { ErrorObject } from 'ajv';
import localizeZh from 'ajv-i18n/localize/zh';
import type { Localized } from '../types';

const both = (en: string, zh: string): Localized => ({ en, 'zh-CN': zh });

export const problems = {
  yamlSyntax: (detail: string) => both(`YAML syntax error: ${detail}`, `YAML 语法错误：${detail}`),
  unknownField: (known: readonly string[]) =>
    known.length ? both(`is not a known field (known fields: ${known.join(', ')})`, `不是可用的字段（可用字段：${known.join(', ')}）`) : both('is not a known field', '不是可用的字段'),
  missingField: (name: string) => both(`missing required field "${name}"`, `缺少必填字段“${name}”`),
  notOneOf: (allowed: readonly unknown[]) => both(`must be one of: ${allowed.join(', ')}`, `必须是以下之一：${allowed.join(', ')}`),
  /** Any other schema error: ajv's own words, and ajv-i18n's Chinese for them. */
  schema: (e: ErrorObject) => {
    const zh = { ...e };
    localizeZh([zh]);
    return both(e.message ?? 'is invalid', zh.message ?? '无效');
  },
  badRuleId: () => both('is not a valid rule id (lower-case letters, digits and dashes)', '不是有效的规则 ID（只能用小写字母、数字和连字符）'),
  duplicateRule: (id: string) => both(`duplicate rule id "${id}"`, `规则 ID“${id}”重复`),
  builtinRuleId: (id: string) =>
    both(`"${id}" is a built-in rule; change built-in rules under rules:, give a custom rule an id of its own`, `“${id}”是内置规则；修改内置规则请写在 rules: 下，自定义规则请另取 ID`),
  reservedRuleId: (id: string) => both(`"${id}" is reserved; choose another id`, `“${id}”是保留名称，请另取 ID`),
  unknownRule: (id: string) => both(`unknown rule "${id}"`, `未知规则“${id}”`),
  unknownRuleHere: (id: string) =>
    both(`unknown rule "${id}" (see \`sdguard rules list\`; rules of your own go under customRules:)`, `未知规则“${id}”（见 \`sdguard rules list\`；自定义规则请写在 customRules: 下）`),
  allowOneKind: (kinds: readonly string[]) =>
    kinds.length
      ? both(`give one of ${kinds.join(', ')} per entry, not ${kinds.length}`, `每项只能给出 ${kinds.join(', ')} 中的一个，而不是 ${kinds.length} 个`)
      : both('an allow entry needs one of value, pattern or fingerprint', '每个 allow 项需要 value、pattern 或 fingerprint 之一'),
  noLettersOrDigits: () => both('has no letters or digits', '不含字母或数字'),
  exampleNotFound: (masked: string, found: number) => both(`the rule does not find this example (${masked}): ${found} finding(s)`, `规则未找到此示例（${masked}）：找到 ${found} 处`),
  invalidExampleFound: (masked: string) => both(`the rule finds this invalid example (${masked})`, `规则找到了此无效示例（${masked}）`),
  invalidRegex: (detail: string) => both(`invalid regular expression: ${detail}`, `正则表达式无效：${detail}`),
  patternNotAnchored: () =>
    both('the pattern must be anchored with ^ and $ (it is tested on the whole normalized value)', '模式必须以 ^ 开头、以 $ 结尾（它匹配整个规范化后的值）'),
  patternNotAnchoredStart: () => both('the pattern must start with ^', '模式必须以 ^ 开头'),
  unknownValidator: (name: string) => both(`unknown validator "${name}"`, `未知校验器“${name}”`),
  lengthRange: (min: number, max: number) => both(`minimum ${min} is greater than maximum ${max}`, `最小长度 ${min} 大于最大长度 ${max}`),
  regexTooLong: (limit: number) => both(`the regular expression is longer than ${limit} characters`, `正则表达式超过 ${limit} 个字符`),
  regexUncheckable: (detail: string) => both(`cannot check the regular expression: ${detail}`, `无法检查正则表达式：${detail}`),
  regexUnsafe: (why: Localized) => both(`unsafe regular expression: ${why.en}`, `正则表达式不安全：${why['zh-CN']}`),
  regexBacktracking: (why: Localized) =>
    both(
      `unsafe regular expression (catastrophic backtracking: matching could take exponential time): ${why.en}. Rewrite it without nested or ambiguous repetition, e.g. \\d{1,20} instead of (\\d+)+`,
      `正则表达式不安全（灾难性回溯：匹配耗时可能呈指数增长）：${why['zh-CN']}。请改写，避免嵌套或有歧义的重复，例如用 \\d{1,20} 代替 (\\d+)+`,
    ),
  // Why a pattern may backtrack catastrophically (regexSafety.ts), at `at` (1-based) in it.
  regexBackreference: () =>
    both('backreferences (\\1, \\k<name>) are not supported: matching them can take exponential time', '不支持反向引用（\\1、\\k<name>）：匹配它们可能耗费指数级时间'),
  regexNestedRepeat: (text: string, at: number, inner: string) =>
    both(`"${text}" (character ${at}) repeats "${inner}", which itself repeats without limit`, `“${text}”（第 ${at} 个字符）重复了“${inner}”，而后者本身可无限重复`),
  regexRepeatsEmpty: (text: string, at: number) =>
    both(`"${text}" (character ${at}) repeats a part that can match the empty string`, `“${text}”（第 ${at} 个字符）重复的部分可以匹配空字符串`),
  regexRepeatsAlternatives: (text: string, at: number) =>
    both(`"${text}" (character ${at}) repeats alternatives that can match the same text`, `“${text}”（第 ${at} 个字符）重复的多个分支可以匹配相同的文本`),
  regexRepeatsVariable: (text: string, at: number) =>
    both(
      `"${text}" (character ${at}) repeats a part of variable length, so the same text can be split into repetitions in many ways`,
      `“${text}”（第 ${at} 个字符）重复的部分长度可变，同一段文本可按多种方式拆分成重复`,
    ),
  unreadableConfig: (detail: string) => both(`cannot read the configuration: ${detail}`, `无法读取配置文件：${detail}`),
};
