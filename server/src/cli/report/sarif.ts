import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Rule, Severity } from '../../engine/types';
import type { ScanReport } from '../scanFiles';

const levels: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * SARIF 2.1.0 for code scanning: rule metadata in English with the Chinese text in properties,
 * UTF-16 columns, artifact URIs relative to %SRCROOT% (the working folder), masked snippets only.
 */
export function sarifReport(report: ScanReport, rules: readonly Rule[], version: string, cwd: string): string {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const byId = new Map(rules.map((r) => [r.id, r]));
  const results: Result[] = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      const rule = byId.get(f.ruleId)!;
      results.push({
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId),
        level: levels[rule.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: file.path.startsWith('/') ? { uri: pathToFileURL(file.path).href } : { uri: encodeURI(file.path), uriBaseId: '%SRCROOT%' },
              region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn, snippet: { text: f.masked } },
            },
          },
        ],
        properties: { confidence: f.confidence, ...(f.header ? { column: f.header } : {}) },
      });
    }
  }
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'sdguard', fullName: 'Sensitive Data Guard', version, semanticVersion: version, rules: rules.map(descriptor) } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
        columnKind: 'utf16CodeUnits',
        results,
        ...(report.errors.length
          ? { invocations: [{ executionSuccessful: false, toolExecutionNotifications: report.errors.map((e) => ({ level: 'error' as const, message: { text: `${e.path}: ${e.message}` } })) }] }
          : { invocations: [{ executionSuccessful: true }] }),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function descriptor(rule: Rule): ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.name.en },
    fullDescription: { text: rule.description.en },
    help: {
      text: `${rule.description.en}\n\n${rule.name['zh-CN']}：${rule.description['zh-CN']}\n\nStandard: ${rule.standard}`,
      markdown: `**${rule.name.en}** (${rule.name['zh-CN']})\n\n${rule.description.en}\n\n${rule.description['zh-CN']}\n\nStandard: ${rule.standard}`,
    },
    defaultConfiguration: { level: levels[rule.severity] },
    properties: { category: rule.category, 'name.zh-CN': rule.name['zh-CN'], 'description.zh-CN': rule.description['zh-CN'], tags: ['security', 'privacy', rule.category] },
  };
}
