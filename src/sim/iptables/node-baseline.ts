// What a node's iptables hold besides kube-proxy's restore text: kubelet's canary and hint chains
// and its jumps to KUBE-FIREWALL, kube-proxy's canaries, its top-level chains and the jump rules it
// inserts from the built-in chains (with `-I`, so they sit before kubelet's). This is the state
// test/fixtures/iptables/baseline.sh builds with real iptables; the golden tests check the sum.

import {applyRestore, applyRules, parseRestore, type ReadTable} from './parse.js';
import type {Ruleset} from './rule.js';

/** The baseline written as one restore text: the simplest way to state a finished rule set. */
export const NODE_BASELINE_RESTORE = `*mangle
:KUBE-IPTABLES-HINT - [0:0]
:KUBE-KUBELET-CANARY - [0:0]
:KUBE-PROXY-CANARY - [0:0]
COMMIT
*filter
:KUBE-KUBELET-CANARY - [0:0]
:KUBE-FIREWALL - [0:0]
:KUBE-PROXY-CANARY - [0:0]
:KUBE-EXTERNAL-SERVICES - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-FORWARD - [0:0]
:KUBE-PROXY-FIREWALL - [0:0]
-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS
-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES
-A INPUT -j KUBE-FIREWALL
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES
-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -j KUBE-FIREWALL
COMMIT
*nat
:KUBE-KUBELET-CANARY - [0:0]
:KUBE-PROXY-CANARY - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-POSTROUTING - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
COMMIT
`;

/** A node's rule set after kubelet and kube-proxy started, before kube-proxy's first sync. */
export function nodeBaseline(): Ruleset {
	return parseRestore(NODE_BASELINE_RESTORE);
}

/** A node's rule set after kube-proxy fed `restoreText` to `iptables-restore --noflush`. */
export function nodeRuleset(restoreText: string): Ruleset {
	return applyRestore(nodeBaseline(), restoreText, {noflush: true});
}

/** nodeRuleset for kube-proxy's input already read (RuleWriter's kernel form): the same rule set,
 * without writing the text and reading it back. */
export function nodeRulesetOf(input: readonly ReadTable[]): Ruleset {
	return applyRules(nodeBaseline(), input);
}
