// `svc-tutor rules` when kube-proxy runs in nftables mode: its one table, `ip kube-proxy`, in the
// two forms nftables has: the transaction kube-proxy writes (as knftables' fake dumps it in
// kube-proxy's unit tests) and what `nft list table ip kube-proxy` prints on the node.
import type {KubeProxy} from '../sim/kube-proxy/kube-proxy.js';
import {renderNftDump} from '../sim/kube-proxy/nftables/dump.js';
import {renderNftList} from '../sim/kube-proxy/nftables/list.js';
import {UsageError} from './io.js';

export function renderNftablesRules(proxy: KubeProxy, format: 'save' | 'restore' | 'list', table: string | undefined): string {
	if (format === 'list') throw new UsageError('rules: --format list is iptables -L, which has no nft counterpart; nftables mode prints --format save (nft list table) or restore');
	if (table !== undefined) throw new UsageError(`rules: --table ${table} names an iptables table; in nftables mode kube-proxy has one table, ${proxy.config.family === 'IPv6' ? 'ip6' : 'ip'} kube-proxy`);
	const {table: nft} = proxy.nftSync();
	return format === 'restore' ? renderNftDump(nft) : renderNftList(nft);
}
