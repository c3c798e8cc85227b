// node01 of a small cluster: kube-proxy's (v1.31+) restore text, in its own argument order, loaded
// on top of the node's baseline (kubelet's and kube-proxy's base chains and jumps). It has the
// default/kubernetes, default/shop (NodePort, Cluster policy) and default/db (no endpoints)
// Services of /work/shared/reference/real-node-iptables-save.txt, plus default/local-web
// (externalTrafficPolicy Local, no endpoint on this node), default/local-api (Local, two of its
// three endpoints here) and default/sticky (sessionAffinity ClientIP).

import {nodeRuleset} from '../../../src/sim/iptables/node-baseline.js';
import type {Ruleset} from '../../../src/sim/iptables/rule.js';

export const NODE_IP = '192.168.56.11';
/** A Pod on this node that backs no service. */
export const POD = '10.244.1.3';
/** A machine outside the cluster, on the nodes' network. */
export const OUTSIDE = '192.168.56.1';

export const SVC = {
	kubernetes: 'KUBE-SVC-NPX46M4PTMTKRN6Y',
	shop: 'KUBE-SVC-BILYYKAKWI7RYELB',
	localWeb: 'KUBE-SVC-VXBHRJBHABYZOW4Y',
	localApi: 'KUBE-SVC-WB34PILROEYWSQZA',
	sticky: 'KUBE-SVC-T2ECBIYT2WDZZK45',
} as const;
export const EXT = {
	shop: 'KUBE-EXT-BILYYKAKWI7RYELB',
	localWeb: 'KUBE-EXT-VXBHRJBHABYZOW4Y',
	localApi: 'KUBE-EXT-WB34PILROEYWSQZA',
} as const;
export const SVL_LOCAL_API = 'KUBE-SVL-WB34PILROEYWSQZA';

/** Endpoint chains by `ip:port`. */
export const SEP: Record<string, string> = {
	'192.168.56.10:6443': 'KUBE-SEP-7J3FZHL6MJULGV6U',
	'10.244.1.12:3000': 'KUBE-SEP-ANIFMAGWUDEEH45B',
	'10.244.1.9:3000': 'KUBE-SEP-72L3HM3VPQZZT4D6',
	'10.244.2.3:3000': 'KUBE-SEP-DNC3NJY2PJEOOEQH',
	'10.244.2.5:8080': 'KUBE-SEP-IR2EFG4PQ7HFVEMJ',
	'10.244.1.20:8443': 'KUBE-SEP-QYNKW7UXYZMSM4YN',
	'10.244.1.21:8443': 'KUBE-SEP-YTWBS6JMBAUNQDLS',
	'10.244.2.20:8443': 'KUBE-SEP-PNI3S364P2YMYM2E',
	'10.244.1.30:80': 'KUBE-SEP-UGERDBNXLOLDZWKX',
	'10.244.2.30:80': 'KUBE-SEP-7VTOO4N7OGH2AS6W',
};

export const NODE01_RESTORE = `*filter
:KUBE-NODEPORTS - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-EXTERNAL-SERVICES - [0:0]
:KUBE-FIREWALL - [0:0]
:KUBE-FORWARD - [0:0]
:KUBE-PROXY-FIREWALL - [0:0]
-A KUBE-SERVICES -m comment --comment "default/db has no endpoints" -m tcp -p tcp -d 10.96.0.60 --dport 5432 -j REJECT
-A KUBE-EXTERNAL-SERVICES -m comment --comment "default/local-web:http has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30090 -j DROP
-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x00004000/0x00004000 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
COMMIT
*nat
:KUBE-NODEPORTS - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-EXT-BILYYKAKWI7RYELB - [0:0]
:KUBE-EXT-VXBHRJBHABYZOW4Y - [0:0]
:KUBE-EXT-WB34PILROEYWSQZA - [0:0]
:KUBE-SEP-72L3HM3VPQZZT4D6 - [0:0]
:KUBE-SEP-7J3FZHL6MJULGV6U - [0:0]
:KUBE-SEP-7VTOO4N7OGH2AS6W - [0:0]
:KUBE-SEP-ANIFMAGWUDEEH45B - [0:0]
:KUBE-SEP-DNC3NJY2PJEOOEQH - [0:0]
:KUBE-SEP-IR2EFG4PQ7HFVEMJ - [0:0]
:KUBE-SEP-PNI3S364P2YMYM2E - [0:0]
:KUBE-SEP-QYNKW7UXYZMSM4YN - [0:0]
:KUBE-SEP-UGERDBNXLOLDZWKX - [0:0]
:KUBE-SEP-YTWBS6JMBAUNQDLS - [0:0]
:KUBE-SVC-BILYYKAKWI7RYELB - [0:0]
:KUBE-SVC-NPX46M4PTMTKRN6Y - [0:0]
:KUBE-SVC-T2ECBIYT2WDZZK45 - [0:0]
:KUBE-SVC-VXBHRJBHABYZOW4Y - [0:0]
:KUBE-SVC-WB34PILROEYWSQZA - [0:0]
:KUBE-SVL-WB34PILROEYWSQZA - [0:0]
-A KUBE-NODEPORTS -m comment --comment default/local-api:https -m tcp -p tcp -d 127.0.0.0/8 --dport 30443 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-WB34PILROEYWSQZA
-A KUBE-NODEPORTS -m comment --comment default/local-api:https -m tcp -p tcp --dport 30443 -j KUBE-EXT-WB34PILROEYWSQZA
-A KUBE-NODEPORTS -m comment --comment default/local-web:http -m tcp -p tcp -d 127.0.0.0/8 --dport 30090 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-VXBHRJBHABYZOW4Y
-A KUBE-NODEPORTS -m comment --comment default/local-web:http -m tcp -p tcp --dport 30090 -j KUBE-EXT-VXBHRJBHABYZOW4Y
-A KUBE-NODEPORTS -m comment --comment default/shop:http -m tcp -p tcp -d 127.0.0.0/8 --dport 30080 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-BILYYKAKWI7RYELB
-A KUBE-NODEPORTS -m comment --comment default/shop:http -m tcp -p tcp --dport 30080 -j KUBE-EXT-BILYYKAKWI7RYELB
-A KUBE-SERVICES -m comment --comment "default/kubernetes:https cluster IP" -m tcp -p tcp -d 10.96.0.1 --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y
-A KUBE-SERVICES -m comment --comment "default/local-api:https cluster IP" -m tcp -p tcp -d 10.96.0.90 --dport 443 -j KUBE-SVC-WB34PILROEYWSQZA
-A KUBE-SERVICES -m comment --comment "default/local-web:http cluster IP" -m tcp -p tcp -d 10.96.0.80 --dport 80 -j KUBE-SVC-VXBHRJBHABYZOW4Y
-A KUBE-SERVICES -m comment --comment "default/shop:http cluster IP" -m tcp -p tcp -d 10.96.0.70 --dport 80 -j KUBE-SVC-BILYYKAKWI7RYELB
-A KUBE-SERVICES -m comment --comment "default/sticky:http cluster IP" -m tcp -p tcp -d 10.96.0.100 --dport 80 -j KUBE-SVC-T2ECBIYT2WDZZK45
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000
-A KUBE-POSTROUTING -m mark ! --mark 0x00004000/0x00004000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x00004000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-SVC-NPX46M4PTMTKRN6Y -m comment --comment "default/kubernetes:https cluster IP" -m tcp -p tcp -d 10.96.0.1 --dport 443 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
-A KUBE-SVC-NPX46M4PTMTKRN6Y -m comment --comment "default/kubernetes:https -> 192.168.56.10:6443" -j KUBE-SEP-7J3FZHL6MJULGV6U
-A KUBE-SEP-7J3FZHL6MJULGV6U -m comment --comment default/kubernetes:https -s 192.168.56.10 -j KUBE-MARK-MASQ
-A KUBE-SEP-7J3FZHL6MJULGV6U -m comment --comment default/kubernetes:https -m tcp -p tcp -j DNAT --to-destination 192.168.56.10:6443
-A KUBE-EXT-WB34PILROEYWSQZA -m comment --comment "pod traffic for default/local-api:https external destinations" -s 10.244.0.0/16 -j KUBE-SVC-WB34PILROEYWSQZA
-A KUBE-EXT-WB34PILROEYWSQZA -m comment --comment "masquerade LOCAL traffic for default/local-api:https external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ
-A KUBE-EXT-WB34PILROEYWSQZA -m comment --comment "route LOCAL traffic for default/local-api:https external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-WB34PILROEYWSQZA
-A KUBE-EXT-WB34PILROEYWSQZA -j KUBE-SVL-WB34PILROEYWSQZA
-A KUBE-SVC-WB34PILROEYWSQZA -m comment --comment "default/local-api:https cluster IP" -m tcp -p tcp -d 10.96.0.90 --dport 443 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
-A KUBE-SVC-WB34PILROEYWSQZA -m comment --comment "default/local-api:https -> 10.244.1.20:8443" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-QYNKW7UXYZMSM4YN
-A KUBE-SVC-WB34PILROEYWSQZA -m comment --comment "default/local-api:https -> 10.244.1.21:8443" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-YTWBS6JMBAUNQDLS
-A KUBE-SVC-WB34PILROEYWSQZA -m comment --comment "default/local-api:https -> 10.244.2.20:8443" -j KUBE-SEP-PNI3S364P2YMYM2E
-A KUBE-SVL-WB34PILROEYWSQZA -m comment --comment "default/local-api:https -> 10.244.1.20:8443" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-QYNKW7UXYZMSM4YN
-A KUBE-SVL-WB34PILROEYWSQZA -m comment --comment "default/local-api:https -> 10.244.1.21:8443" -j KUBE-SEP-YTWBS6JMBAUNQDLS
-A KUBE-SEP-QYNKW7UXYZMSM4YN -m comment --comment default/local-api:https -s 10.244.1.20 -j KUBE-MARK-MASQ
-A KUBE-SEP-QYNKW7UXYZMSM4YN -m comment --comment default/local-api:https -m tcp -p tcp -j DNAT --to-destination 10.244.1.20:8443
-A KUBE-SEP-YTWBS6JMBAUNQDLS -m comment --comment default/local-api:https -s 10.244.1.21 -j KUBE-MARK-MASQ
-A KUBE-SEP-YTWBS6JMBAUNQDLS -m comment --comment default/local-api:https -m tcp -p tcp -j DNAT --to-destination 10.244.1.21:8443
-A KUBE-SEP-PNI3S364P2YMYM2E -m comment --comment default/local-api:https -s 10.244.2.20 -j KUBE-MARK-MASQ
-A KUBE-SEP-PNI3S364P2YMYM2E -m comment --comment default/local-api:https -m tcp -p tcp -j DNAT --to-destination 10.244.2.20:8443
-A KUBE-EXT-VXBHRJBHABYZOW4Y -m comment --comment "pod traffic for default/local-web:http external destinations" -s 10.244.0.0/16 -j KUBE-SVC-VXBHRJBHABYZOW4Y
-A KUBE-EXT-VXBHRJBHABYZOW4Y -m comment --comment "masquerade LOCAL traffic for default/local-web:http external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ
-A KUBE-EXT-VXBHRJBHABYZOW4Y -m comment --comment "route LOCAL traffic for default/local-web:http external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-VXBHRJBHABYZOW4Y
-A KUBE-SVC-VXBHRJBHABYZOW4Y -m comment --comment "default/local-web:http cluster IP" -m tcp -p tcp -d 10.96.0.80 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
-A KUBE-SVC-VXBHRJBHABYZOW4Y -m comment --comment "default/local-web:http -> 10.244.2.5:8080" -j KUBE-SEP-IR2EFG4PQ7HFVEMJ
-A KUBE-SEP-IR2EFG4PQ7HFVEMJ -m comment --comment default/local-web:http -s 10.244.2.5 -j KUBE-MARK-MASQ
-A KUBE-SEP-IR2EFG4PQ7HFVEMJ -m comment --comment default/local-web:http -m tcp -p tcp -j DNAT --to-destination 10.244.2.5:8080
-A KUBE-EXT-BILYYKAKWI7RYELB -m comment --comment "masquerade traffic for default/shop:http external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-BILYYKAKWI7RYELB -j KUBE-SVC-BILYYKAKWI7RYELB
-A KUBE-SVC-BILYYKAKWI7RYELB -m comment --comment "default/shop:http cluster IP" -m tcp -p tcp -d 10.96.0.70 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
-A KUBE-SVC-BILYYKAKWI7RYELB -m comment --comment "default/shop:http -> 10.244.1.12:3000" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-ANIFMAGWUDEEH45B
-A KUBE-SVC-BILYYKAKWI7RYELB -m comment --comment "default/shop:http -> 10.244.1.9:3000" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-72L3HM3VPQZZT4D6
-A KUBE-SVC-BILYYKAKWI7RYELB -m comment --comment "default/shop:http -> 10.244.2.3:3000" -j KUBE-SEP-DNC3NJY2PJEOOEQH
-A KUBE-SEP-ANIFMAGWUDEEH45B -m comment --comment default/shop:http -s 10.244.1.12 -j KUBE-MARK-MASQ
-A KUBE-SEP-ANIFMAGWUDEEH45B -m comment --comment default/shop:http -m tcp -p tcp -j DNAT --to-destination 10.244.1.12:3000
-A KUBE-SEP-72L3HM3VPQZZT4D6 -m comment --comment default/shop:http -s 10.244.1.9 -j KUBE-MARK-MASQ
-A KUBE-SEP-72L3HM3VPQZZT4D6 -m comment --comment default/shop:http -m tcp -p tcp -j DNAT --to-destination 10.244.1.9:3000
-A KUBE-SEP-DNC3NJY2PJEOOEQH -m comment --comment default/shop:http -s 10.244.2.3 -j KUBE-MARK-MASQ
-A KUBE-SEP-DNC3NJY2PJEOOEQH -m comment --comment default/shop:http -m tcp -p tcp -j DNAT --to-destination 10.244.2.3:3000
-A KUBE-SVC-T2ECBIYT2WDZZK45 -m comment --comment "default/sticky:http cluster IP" -m tcp -p tcp -d 10.96.0.100 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
-A KUBE-SVC-T2ECBIYT2WDZZK45 -m comment --comment "default/sticky:http -> 10.244.1.30:80" -m recent --name KUBE-SEP-UGERDBNXLOLDZWKX --rcheck --seconds 10800 --reap -j KUBE-SEP-UGERDBNXLOLDZWKX
-A KUBE-SVC-T2ECBIYT2WDZZK45 -m comment --comment "default/sticky:http -> 10.244.2.30:80" -m recent --name KUBE-SEP-7VTOO4N7OGH2AS6W --rcheck --seconds 10800 --reap -j KUBE-SEP-7VTOO4N7OGH2AS6W
-A KUBE-SVC-T2ECBIYT2WDZZK45 -m comment --comment "default/sticky:http -> 10.244.1.30:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-UGERDBNXLOLDZWKX
-A KUBE-SVC-T2ECBIYT2WDZZK45 -m comment --comment "default/sticky:http -> 10.244.2.30:80" -j KUBE-SEP-7VTOO4N7OGH2AS6W
-A KUBE-SEP-UGERDBNXLOLDZWKX -m comment --comment default/sticky:http -s 10.244.1.30 -j KUBE-MARK-MASQ
-A KUBE-SEP-UGERDBNXLOLDZWKX -m comment --comment default/sticky:http -m recent --name KUBE-SEP-UGERDBNXLOLDZWKX --set -m tcp -p tcp -j DNAT --to-destination 10.244.1.30:80
-A KUBE-SEP-7VTOO4N7OGH2AS6W -m comment --comment default/sticky:http -s 10.244.2.30 -j KUBE-MARK-MASQ
-A KUBE-SEP-7VTOO4N7OGH2AS6W -m comment --comment default/sticky:http -m recent --name KUBE-SEP-7VTOO4N7OGH2AS6W --set -m tcp -p tcp -j DNAT --to-destination 10.244.2.30:80
COMMIT
`;

/** node01's whole rule set: the baseline plus kube-proxy's restore text. */
export function node01(): Ruleset {
	return nodeRuleset(NODE01_RESTORE);
}
