import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { builtinRulesDir } from '../engine/builtin';
import { loadRuleFolder } from '../engine/rules/builtinRules';
import type { RulePack } from '../engine/rules/loadRulePack';
import { maskValue } from '../engine/redact/mask';
import { canFake } from '../engine/fake';
import { getValidator } from '../engine/validators';
import type { Rule } from '../engine/types';

/**
 * Writes docs/rules/<id>.md (the page each diagnostic's code links to, shipped with the
 * extension so the link works offline) and an index, from the built-in rule packs.
 */
export function writeRuleDocs(outDir: string, packs: RulePack[] = loadRuleFolder(builtinRulesDir())): number {
  mkdirSync(outDir, { recursive: true });
  const index: string[] = [];
  for (const pack of packs) {
    for (const rule of pack.rules) {
      index.push(`| [\`${rule.id}\`](${rule.id}.md) | ${rule.name.en} | ${rule.name['zh-CN']} | ${rule.category} | ${rule.severity} | ${rule.contextRequired ? 'yes / 是' : ''} |`);
      writeFileSync(join(outDir, `${rule.id}.md`), page(rule, pack));
    }
  }
  writeFileSync(
    join(outDir, 'README.md'),
    `${GENERATED}\n# Rules / 规则\n\n| id | name | 名称 | category | severity | context required / 需要上下文 |\n| --- | --- | --- | --- | --- | --- |\n${index.join('\n')}\n`,
  );
  return index.length;
}

const GENERATED = '<!-- Generated from rules/*.yaml by `sdguard rules docs` (npm run build); do not edit. -->';

function page(r: Rule, pack: RulePack): string {
  const validator = r.validator ? getValidator(r.validator) : undefined;
  const example = r.examples.valid.find((e) => /^[\p{L}\p{N} ()+.\/-]+$/u.test(e)) ?? r.examples.valid[0];
  const len = r.minLength === r.maxLength ? String(r.minLength) : `${r.minLength}–${r.maxLength}`;
  const words = (ws: string[]) => ws.map((w) => `\`${w}\``).join(', ');
  return `${GENERATED}
# \`${r.id}\`: ${r.name.en} / ${r.name['zh-CN']}

${r.description.en}

${r.description['zh-CN']}

| | |
| --- | --- |
| Pack / 规则包 | ${pack.name.en} / ${pack.name['zh-CN']} (\`rules/${basename(r.source)}\`) |
| Category / 类别 | ${r.category} |
| Default severity / 默认级别 | ${r.severity} |
| Standard / 标准 | ${r.standard} |
| Length / 长度 | ${len} |
| Validator / 校验 | ${validator ? `\`${validator.name}\`: ${validator.description.en} / ${validator.description['zh-CN']}` : 'none / 无'} |
| Context required / 需要上下文 | ${r.contextRequired ? 'yes: reported only with a hotword nearby or a column header naming it / 是：仅当附近有关键词或列标题指明时才报告' : 'no / 否'} |
| Grouped forms / 分组写法 | ${r.groupings.length ? r.groupings.map((g) => `\`${g}\``).join(', ') : '—'} |
| Example, masked / 示例（已遮盖） | \`${maskValue(example, r.mask)}\` |
| Mask / 遮盖 | keep first ${r.mask.keepStart} and last ${r.mask.keepEnd} / 保留前 ${r.mask.keepStart} 位和后 ${r.mask.keepEnd} 位 |
| Redact placeholder / 替换占位 | \`[${r.placeholder.en}]\` / \`[${r.placeholder['zh-CN']}]\` |
| Pseudonym token / 假名标记 | \`${r.token}_\` + 12 characters of a keyed HMAC-SHA256 (e.g. \`${r.token}_7Q3KX9M2TZ4P\`) / \`${r.token}_\` + 12 位密钥 HMAC-SHA256 字符 |
| Fake / 仿真值 | ${canFake(r) ? 'a keyed synthetic value of the same type and layout that passes the same checks / 由密钥派生、类型和写法相同且通过同样校验的合成值' : 'masked instead: the digits are already lost / 改为遮盖：数字已丢失'} |

## Context / 上下文

- Hotwords (raise confidence) / 关键词（提高置信度）: ${words(r.context.hotwords)}
- Negative words (lower confidence) / 否定词（降低置信度）: ${words(r.context.negative)}

## Silencing / 忽略

Add \`sdguard-ignore-line ${r.id}\` in a comment on the line, or \`sdguard-ignore-next-line ${r.id}\` on the line before.

在该行的注释中写 \`sdguard-ignore-line ${r.id}\`，或在上一行写 \`sdguard-ignore-next-line ${r.id}\`。
`;
}
