// iptables-restore as the kernel sees it: reads the text kube-proxy (or a learner) feeds to
// `iptables-restore` and builds the rule set the kernel then holds, normalised the way iptables 1.8.9
// (nf_tables) normalises it, so that save.ts and list.ts can print it back exactly like a real node.
// Errors carry the text real iptables-restore prints (checked against it in a network namespace).
//
// The work is done in restore/:
//   apply.ts        whole texts: `*table` … COMMIT, line by line
//   apply-rules.ts  the same for rules already read (kube-proxy's RuleWriter), without the text
//   commands.ts     a table's lines: chain declarations, -A -I -D -N -X -F -P -Z
//   work-table.ts   a table while it is worked on, and what COMMIT checks
//   chain-table.ts  its chains by name
//   parse-rule.ts   one rule's words, the general reader (every option, every error)
//   extension.ts    what -m matches and -j targets share
//   matches.ts, match-ports.ts, match-recent.ts, targets.ts   the extensions
//   tokenize.ts     iptables-restore's word splitting
//   numbers.ts      numbers, addresses and marks as libxtables reads them
//   errors.ts       iptables-restore's error messages
//   fast-rule.ts    kube-proxy's common rule shapes, read in place: exactly the rules parse-rule.ts
//                   builds, or nothing (the general reader then reads the line)
//   fast-shared.ts  values the fast path shares between rules
//   build-rule.ts   a Rule with the general reader's keys, for the readers that build their own
//   words.ts        the fast path's words, read in place

export {IptablesParseError} from './restore/errors.js';
export {tokenize} from './restore/tokenize.js';
export {intToIp} from './restore/numbers.js';
export {kernelProbability} from './restore/matches.js';
export {parseRule} from './restore/parse-rule.js';
export {applyRestore, parseRestore} from './restore/apply.js';
export {applyRules, type ReadTable} from './restore/apply-rules.js';
