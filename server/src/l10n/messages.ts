import type { Lang } from '../engine/types';

export type { Lang };

/** Picks our language from an LSP/VS Code locale or a POSIX LANG value (`zh_CN.UTF-8`). */
export function langFromLocale(locale: string | undefined): Lang {
  return locale && /^zh(?:[-_](?:cn|hans|sg)|$|[-_.])/i.test(locale) && !/^zh[-_](?:tw|hk|mo|hant)/i.test(locale) ? 'zh-CN' : 'en';
}

// Every user-facing string of the server and the CLI, in both languages. {0}, {1}… are arguments.
const en = {
  'finding.message': '{0}: {1} (confidence {2})',
  'confidence.high': 'high',
  'confidence.medium': 'medium',
  'confidence.low': 'low',
  'action.mask': 'Mask this value ({0})',
  'action.redact': 'Redact this value ({0})',
  'action.ignoreLine': 'Ignore {0} on this line',
  'action.fixAll': 'Mask all sensitive values in this file',
  'command.done.mask': 'Masked {0} value(s).',
  'command.done.redact': 'Redacted {0} value(s).',
  'command.nothing': 'Nothing sensitive found in this file.',
  'cli.found': '{0} finding(s) in {1} file(s) ({2} file(s) scanned).',
  'cli.clean': 'No sensitive values found ({0} file(s) scanned).',
  'cli.skipped': 'skipped {0}: {1}',
  'cli.binary': 'binary file',
  'cli.tooLarge': 'larger than {0} MB; scan it with --max-size',
  'cli.error': 'error',
  'rules.test.valid': 'valid example #{0} ({1}) should give one finding, gave {2}',
  'rules.test.invalid': 'invalid example #{0} ({1}) should give no finding, gave {2}',
  'rules.test.summary': '{0} rules, {1} examples.',
  'diagnostics.more': '{0} more sensitive value(s) in this file are not listed (sdguard.maxDiagnostics is {1}). "Mask all in file" and "Redact all in file" handle every value.',
  'action.maskAll': 'Mask all sensitive values in this file',
  'action.redactAll': 'Redact all sensitive values in this file',
  'hover.summary': 'Value: {0} · confidence {1}',
  'reason.checksum': 'Check character valid ({0})',
  'reason.structure': 'Structure valid ({0})',
  'reason.hotword': 'Context word: {0}',
  'reason.negative': 'Negative context word: {0} (lowers confidence)',
};
type Key = keyof typeof en;

const zhCN: Record<Key, string> = {
  'finding.message': '{0}：{1}（置信度：{2}）',
  'confidence.high': '高',
  'confidence.medium': '中',
  'confidence.low': '低',
  'action.mask': '遮盖此值（{0}）',
  'action.redact': '替换为类型名（{0}）',
  'action.ignoreLine': '在此行忽略 {0}',
  'action.fixAll': '遮盖此文件中的全部敏感信息',
  'command.done.mask': '已遮盖 {0} 处。',
  'command.done.redact': '已替换 {0} 处。',
  'command.nothing': '此文件中未发现敏感信息。',
  'cli.found': '发现 {0} 处敏感信息，位于 {1} 个文件中（共扫描 {2} 个文件）。',
  'cli.clean': '未发现敏感信息（共扫描 {0} 个文件）。',
  'cli.skipped': '已跳过 {0}：{1}',
  'cli.binary': '二进制文件',
  'cli.tooLarge': '超过 {0} MB；可用 --max-size 扫描',
  'cli.error': '错误',
  'rules.test.valid': '有效示例 #{0}（{1}）应得到 1 处结果，实际 {2} 处',
  'rules.test.invalid': '无效示例 #{0}（{1}）不应得到结果，实际 {2} 处',
  'rules.test.summary': '共 {0} 条规则、{1} 个示例。',
  'diagnostics.more': '此文件中另有 {0} 处敏感信息未列出（sdguard.maxDiagnostics 为 {1}）。“遮盖文件中的全部敏感信息”和“删除文件中的全部敏感信息”命令会处理全部敏感信息。',
  'action.maskAll': '遮盖此文件中的全部敏感信息',
  'action.redactAll': '将此文件中的全部敏感信息替换为类型名',
  'hover.summary': '值：{0} · 置信度：{1}',
  'reason.checksum': '校验位正确（{0}）',
  'reason.structure': '结构有效（{0}）',
  'reason.hotword': '上下文关键词：{0}',
  'reason.negative': '否定关键词：{0}（降低置信度）',
};

const tables: Record<Lang, Record<Key, string>> = { en, 'zh-CN': zhCN };

export function t(lang: Lang, key: Key, ...args: (string | number)[]): string {
  return tables[lang][key].replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
}
