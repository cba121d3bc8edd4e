// The command line's help, in both languages (too long for the message table).
import type { Lang } from '../l10n/messages';

const en = `Usage: sdguard <command> [options]

Commands:
  scan PATH...        Scan files and folders (recursive, honours .gitignore and .sdguardignore)
      --format text|json|sarif|github   Report format (default: text; github: workflow
                                 annotations for GitHub Actions)
      --output FILE              Write the report to FILE instead of stdout
      --summary                  Per-file, per-rule counts only
      --jobs N                   Threads (default: the number of cores, or 1 for less than
                                 32 MB of files); a text file of 32 MB or more that scans
                                 slowly is split among them when it holds more than a
                                 thread's share of the bytes (alone: 2 threads by default)
      --min-confidence low|medium|high   (default: medium)
      --encoding auto|utf-8|gb18030|gbk|utf-16le|utf-16be
                                 Encoding of files without a BOM (default: auto, which
                                 tells UTF-8 from GB18030/GBK)
      --fail-on error|warning|info   Exit 1 only for findings of this severity or above
                                 (default: info, any finding)
      --baseline FILE            Report only findings not in FILE (see baseline); needs its key
      --staged                   Scan what the git index holds for staged files (pre-commit)
      --changed-since REF        Only findings on lines added or changed since REF (git),
                                 including uncommitted changes and untracked files
      --shard I/N                Scan the I-th of N parts of the files (a CI matrix)
      --key-file FILE            Key of --baseline and of SARIF fingerprints (default: $SDGUARD_KEY)
                                 and of allow-list fingerprints in .sdguard.yaml
      --no-config                Ignore .sdguard.yaml files: the built-in rules everywhere
  baseline [PATH...]  Record the current findings as keyed fingerprints in .sdguard-baseline.json
                      (or --output FILE), so that scan --baseline reports new ones only; needs a
                      key: $SDGUARD_KEY or --key-file FILE. Also --min-confidence, --encoding, --jobs
  redact PATH...      Mask, redact, pseudonymize or fake the values found, atomically
      --mode mask|redact|pseudonymize|fake   (default: mask)
      --out DIR                  Write a redacted copy of the tree into DIR, or
      --in-place                 replace the files themselves (one of the two is required)
      --dry-run                  List what would change (masked values); write nothing
      --force                    With --out: replace files already in DIR
      --rules ID,ID              Only these rules (default: all)
      --placeholder TEXT         --mode redact: this text instead of [ID NUMBER] etc.
      --key-file FILE            Key for pseudonymize/fake (default: $SDGUARD_KEY;
                                 hex:… or base64:… or text, at least 16 bytes)
      --audit-log FILE           Append what was done as JSON lines (default:
                                 .sdguard-audit.jsonl here); --no-audit-log to skip
      --jobs N                   Threads (default: the number of cores, or 1 for less than
                                 32 MB of files): a folder's files are redacted side by
                                 side, each whole in one thread, and put in place in order;
                                 a text file of 32 MB or more is read back in a second
                                 thread as it is written
      --min-confidence, --encoding, --no-config   as for scan (.sdguard.yaml applies:
                                 its rules, allow list, ignore paths and redact.placeholder)
  rules [list]        List the built-in rules (--format json)
  rules test [PACK.yaml...]   Run every rule's examples (built-in packs, or your own)
  lsp --stdio         Run the language server over stdin/stdout (for any LSP editor)
  fingerprint         Print the keyed fingerprint (fp:…) of each value read from stdin, one per
                      line, for allow: in .sdguard.yaml; --rule ID, --key-file FILE

Options: --lang en|zh-CN (default from LANG), --help, --version
Exit codes: 0 nothing found, 1 findings reported (at or above --fail-on), 2 usage, configuration
or read error (redact and baseline: 0 done, 2 error).
`;

const zhCN = `用法：sdguard <命令> [选项]

命令：
  scan 路径...        扫描文件和文件夹（递归，遵循 .gitignore 和 .sdguardignore）
      --format text|json|sarif|github   报告格式（默认 text；github：GitHub Actions 的
                                 工作流注释）
      --output FILE              把报告写入 FILE，而不是标准输出
      --summary                  只输出每个文件、每条规则的计数
      --jobs N                   线程数（默认为 CPU 核数；文件总量不足 32 MB 时为 1）；
                                 32 MB 及以上、扫描较慢的文本文件，若超过一个线程应分的
                                 字节数，会拆分给多个线程（单独一个文件时默认 2 个线程）
      --min-confidence low|medium|high   （默认 medium）
      --encoding auto|utf-8|gb18030|gbk|utf-16le|utf-16be
                                 无 BOM 文件的编码（默认 auto：自动区分 UTF-8 与
                                 GB18030/GBK）
      --fail-on error|warning|info   只有该严重级别及以上的发现才以 1 退出
                                 （默认 info，即任何发现）
      --baseline FILE            只报告 FILE 中没有的发现（见 baseline）；需要生成它的密钥
      --staged                   扫描 git 索引中已暂存文件的内容（用于 pre-commit）
      --changed-since REF        只报告自 REF（git）以来新增或修改的行上的发现，
                                 包括未提交的修改和未跟踪的文件
      --shard I/N                只扫描文件的 N 份中的第 I 份（用于 CI 矩阵）
      --key-file FILE            --baseline、SARIF 指纹以及 .sdguard.yaml 中允许列表指纹的
                                 密钥（默认取 $SDGUARD_KEY）
      --no-config                忽略 .sdguard.yaml：处处使用内置规则
  baseline [路径...]  把当前的发现记录为带密钥的指纹，写入 .sdguard-baseline.json
                      （或 --output FILE），之后 scan --baseline 只报告新的发现；需要密钥：
                      $SDGUARD_KEY 或 --key-file FILE。也接受 --min-confidence、--encoding、--jobs
  redact 路径...      对发现的值做遮盖、删除、假名化或仿真替换，原子写入
      --mode mask|redact|pseudonymize|fake   （默认 mask）
      --out DIR                  把脱敏后的目录树副本写入 DIR，或
      --in-place                 直接改写文件本身（两者必须选一个）
      --dry-run                  列出将要修改的内容（遮盖后的值），不写任何文件
      --force                    与 --out 一起用：替换 DIR 中已有的文件
      --rules ID,ID              只用这些规则（默认全部）
      --placeholder TEXT         --mode redact 时用此文本代替 [身份证号] 等
      --key-file FILE            pseudonymize/fake 的密钥（默认取 $SDGUARD_KEY；
                                 hex:… 或 base64:… 或文本，至少 16 字节）
      --audit-log FILE           以 JSON 行追加记录所做的修改（默认：当前目录的
                                 .sdguard-audit.jsonl）；--no-audit-log 不记录
      --jobs N                   线程数（默认为 CPU 核数；文件总量不足 32 MB 时为 1）：
                                 文件夹中的文件并行脱敏，每个文件整个在一个线程中完成，
                                 并按文件顺序落盘；32 MB 及以上的文本文件边写边由
                                 第二个线程读回核对
      --min-confidence、--encoding、--no-config   与 scan 相同（.sdguard.yaml 生效：
                                 其中的规则、允许列表、忽略路径和 redact.placeholder）
  rules [list]        列出内置规则（--format json）
  rules test [PACK.yaml...]   运行每条规则的示例（内置规则包，或你自己的）
  lsp --stdio         通过标准输入/输出运行语言服务器（供任何支持 LSP 的编辑器使用）
  fingerprint         为从标准输入读取的每个值（每行一个）输出带密钥的指纹（fp:…），
                      用于 .sdguard.yaml 的 allow:；--rule ID，--key-file FILE

选项：--lang en|zh-CN（默认取自 LANG），--help，--version
退出码：0 未发现，1 报告了发现（达到 --fail-on 级别），2 用法、配置或读取错误
（redact 和 baseline：0 完成，2 出错）。
`;

export function usageText(lang: Lang): string {
  return lang === 'zh-CN' ? zhCN : en;
}
