// Every task template on 20 seeds: the prepared cluster does not already pass, the reference
// solution typed into the shell passes, and a plausible wrong solution fails with the right
// requirement named and what was found instead.
import test from 'ava';
import {formatIPv4, parseIPv4} from '../../src/sim/net/ipv4.js';
import {checkTask, runLines, startTask, type StartedTask} from '../../src/tasks/start.js';
import {TASK_TEMPLATES, findTemplate} from '../../src/tasks/templates/index.js';
import {TASK_GROUPS, type Check} from '../../src/tasks/types.js';

const SEEDS = Array.from({length: 20}, (_, i) => i + 1);

function failedChecks(checks: Check[]): Check[] {
	return checks.filter((c) => !c.pass);
}

function describe(checks: Check[]): string {
	return checks.map((c) => `${c.pass ? '✔' : '✖'} ${c.requirement}${c.found ? ` — ${c.found}` : ''}`).join('\n');
}

/** The line of the reference solution that contains `marker`. */
function solutionLine(started: StartedTask, marker: string | RegExp): string {
	const line = started.task.solution.find((l) => (typeof marker === 'string' ? l.includes(marker) : marker.test(l)));
	if (line === undefined) throw new Error(`no solution line with ${String(marker)}:\n${started.task.solution.join('\n')}`);
	return line;
}

/** The file a solution line redirects to. */
function target(line: string): string {
	return /> (\S+)$/.exec(line)![1]!;
}

/** The directory (mkdir -p) of the solution, for wrong answers written beside the right ones. */
function dir(started: StartedTask): string {
	return solutionLine(started, 'mkdir -p').slice('mkdir -p '.length);
}

interface Wrong {
	/** What a learner plausibly types instead. */
	lines: (s: StartedTask) => string[];
	/** The requirement that must fail, and what its "found" must say. */
	requirement: RegExp;
	found: RegExp;
}

const WRONG: Record<string, Wrong[]> = {
	'service-range': [
		{
			// The pod network's range instead of the Services'.
			lines: (s) => [`mkdir -p ${dir(s)}`, `grep -o 'cluster-cidr=[^ ]*' /etc/kubernetes/manifests/kube-controller-manager.yaml | cut -d= -f2 > ${target(solutionLine(s, 'grep'))}`],
			requirement: /holds the Service IP range/,
			found: /holds 10\.244\.0\.0–10\.244\.255\.255 \(10\.244\.0\.0\/16\)$/,
		},
	],
	'node-pod-cidr': [
		{
			// Another node's pod CIDR.
			lines: (s) => {
				const line = solutionLine(s, 'jsonpath');
				const node = /get node (\S+)/.exec(line)![1]!;
				return [`mkdir -p ${dir(s)}`, line.replace(`get node ${node}`, `get node ${node === 'node01' ? 'node02' : 'node01'}`)];
			},
			requirement: /holds (controlplane|node01|node02)'s pod CIDR/,
			found: /holds 10\.244\.\d\.0–10\.244\.\d\.255/,
		},
	],
	'kube-proxy-pods': [
		{
			// Only the workers counted; the name of the first Pod listed, wherever it runs.
			lines: (s) => [
				`mkdir -p ${dir(s)}`,
				`kubectl -n kube-system get pods -l k8s-app=kube-proxy -o jsonpath='{.items[*].metadata.name}' > ${target(solutionLine(s, 'metadata.name'))}`,
				`echo 2 > ${target(solutionLine(s, 'wc -l'))}`,
			],
			requirement: /holds the number of kube-proxy Pods \(3\)/,
			found: / holds 2$/,
		},
	],
	'proxy-mode': [
		{
			// The ConfigMap's empty mode line, copied as it is.
			lines: (s) => [`mkdir -p ${dir(s)}`, `kubectl -n kube-system get cm kube-proxy -o yaml | grep 'mode:' > ${target(solutionLine(s, 'logs'))}`],
			requirement: /names the proxy mode of kube-proxy on/,
			found: /holds "mode: \\"\\"", which names no proxy mode/,
		},
	],
	'cni-config': [
		{
			// The plugin binary's directory instead of the config file.
			lines: (s) => [`mkdir -p ${dir(s)}`, `echo /opt/cni/bin/flannel > ${target(solutionLine(s, "'ls -d"))}`, `echo flannel > ${target(solutionLine(s, 'grep -m1'))}`],
			requirement: /holds the path of .*'s CNI config file/,
			found: /holds "\/opt\/cni\/bin\/flannel"; the file is \/etc\/cni\/net\.d\/10-flannel\.conflist/,
		},
	],
	'service-endpoints': [
		{
			// The Service's own ClusterIP:port instead of its endpoints.
			lines: (s) => {
				const name = /get endpoints (\S+)/.exec(solutionLine(s, 'get endpoints'))![1]!;
				return [`mkdir -p ${dir(s)}`, `echo $(kubectl get svc ${name} -o jsonpath='{.spec.clusterIP}'):$(kubectl get svc ${name} -o jsonpath='{.spec.ports[0].port}') > ${target(solutionLine(s, 'get endpoints'))}`];
			},
			requirement: /lists the endpoints of Service/,
			found: /lists \d+\.\d+\.\d+\.\d+:\d+$/,
		},
	],
	'kube-dns': [
		{
			// The kubernetes Service's IP, the first one in the range, instead of kube-dns's.
			lines: (s) => s.task.solution.map((l) => l.replace('-n kube-system get svc kube-dns', 'get svc kubernetes')),
			requirement: /holds the kube-dns Service's ClusterIP \(\S+\)$/,
			found: /holds "\d+\.\d+\.\d+\.1"$/,
		},
	],
	'node-network': [
		{
			// The node's pod CIDR instead of the network its address is in.
			lines: (s) => {
				const node = /ssh (\S+)/.exec(solutionLine(s, 'ssh'))![1]!;
				return [`mkdir -p ${dir(s)}`, `kubectl get node ${node} -o jsonpath='{.spec.podCIDR}' > ${target(solutionLine(s, 'ipcalc'))}`];
			},
			requirement: /holds the nodes' network/,
			found: /holds 10\.244\.\d\.0–10\.244\.\d\.255/,
		},
	],
	'nodeport-owner': [
		{
			// The name alone: the Service is not in default, so the namespace matters.
			lines: (s) => s.task.solution.map((l) => l.replace(`print $1 "/" $2`, 'print $2')),
			requirement: /names the Service on node port \d+/,
			found: /holds "[a-z]+-[a-z]\d-(svc|service)"$/,
		},
	],
	'etp-local': [
		{
			// The other traffic policy: internalTrafficPolicy does not govern node ports.
			lines: (s) => s.task.solution.map((l) => l.replace('externalTrafficPolicy', 'internalTrafficPolicy')),
			requirement: /^a client outside the cluster reaches \S+ at node0\d:\d+$/,
			found: /^the connection ends in DROP on node0\d$/,
		},
		{
			// A Pod on every node makes it answer everywhere, but the task said not to add Pods.
			lines: (s) => [solutionLine(s, 'describe').replace(/describe svc (\S+)-(svc|service)$/, 'scale deployment $1 --replicas 2')],
			requirement: /still one Pod$/,
			found: /^it has 2 Pods$/,
		},
	],
	'dns-lookup': [
		{
			// The short name, from another namespace: it does not resolve.
			lines: (s) => s.task.solution.map((l) => l.replace(/nslookup (\S+)\.\S+ >/, 'nslookup $1 >')),
			requirement: /holds nslookup's answer for /,
			found: /holds a lookup that found no name/,
		},
		{
			// A Pod left behind.
			lines: (s) => s.task.solution.map((l) => l.replace(' --rm -it', '')),
			requirement: /^no busybox Pod left in namespace default$/,
			found: /^dns-test still there$/,
		},
	],
	'kubernetes-service-ip': [
		{
			// The two addresses swapped.
			lines: (s) => {
				const [mkdir, api, dns] = s.task.solution;
				return [mkdir!, api!.replace(/> (\S+)$/, `> ${target(dns!)}`), dns!.replace(/> (\S+)$/, `> ${target(api!)}`)];
			},
			requirement: /holds the kubernetes Service's ClusterIP/,
			found: /kubernetes-svc-ip holds "\d+\.\d+\.\d+\.\d+"$/,
		},
	],
	'endpoint-probability': [
		{
			// 1/n on every rule, as if each rule matched one connection in n.
			lines: (s) => [...s.task.solution.filter((l) => !l.includes('/tmp/rule')), `cp ${target(solutionLine(s, 'get endpoints'))} ${target(solutionLine(s, 'cut -d'))}`],
			requirement: /holds the probability on \S+'s rule on node0\d/,
			found: /rule-probability holds 1\/\d \(/,
		},
	],
	'pod-range': [
		{
			// One node's share instead of the whole pod network.
			lines: (s) => [`mkdir -p ${dir(s)}`, `kubectl get node node01 -o jsonpath='{.spec.podCIDR}' > ${target(solutionLine(s, 'grep'))}`],
			requirement: /holds the pod network \(10\.244\.0\.0\/16\)/,
			found: /holds 10\.244\.1\.0–10\.244\.1\.255 \(10\.244\.1\.0\/24\)$/,
		},
	],
	'proxy-daemonset': [
		{
			// A Pod's name instead of its controller's.
			lines: (s) => s.task.solution.map((l) => l.replace(/get ds -o name > (\S+)$/, 'get pods -o name | head -1 > $1')),
			requirement: /names the \S+ DaemonSet \(daemonset\/\S+\)/,
			found: /holds "pod\/\S+"$/,
		},
	],
	'ip-in-range': [
		{
			// The wrong side of the edge.
			lines: (s) => s.task.solution.map((l) => l.replace(/^echo (yes|no)/, (_, a: string) => `echo ${a === 'yes' ? 'no' : 'yes'}`)),
			requirement: /says whether \S+ is inside \S+/,
			found: /holds (yes|no) \((inside|outside)\)$/,
		},
	],
	'session-affinity': [
		{
			// Affinity on, the timeout left at its default.
			lines: (s) => [solutionLine(s, 'patch').replace(/,"sessionAffinityConfig":\{.*\}\}\}\}'$/, "}}'")],
			requirement: /: affinity timeout \d+ s$/,
			found: /^timeoutSeconds is 10800, expected \d+$/,
		},
	],
	'kube-proxy-config-flag': [
		{
			// Recreating the Pods from the same broken DaemonSet.
			lines: () => ['kubectl -n kube-system delete pod -l k8s-app=kube-proxy'],
			requirement: /^a kube-proxy Pod runs on (controlplane|node01|node02)$/,
			found: /^kube-proxy-\w+ is CrashLoopBackOff$/,
		},
	],
	'nodeport-valid': [
		{
			// Off by one at an edge, or the default range assumed.
			lines: (s) => s.task.solution.map((l) => l.replace(/^echo (yes|no)/, (_, a: string) => `echo ${a === 'yes' ? 'no' : 'yes'}`)),
			requirement: /says whether nodePort \d+ is accepted/,
			found: /holds (yes|no) \((accepted|refused)\)$/,
		},
	],
	'range-overlap': [
		{
			lines: (s) => s.task.solution.map((l) => l.replace(/^echo (yes|no)/, (_, a: string) => `echo ${a === 'yes' ? 'no' : 'yes'}`)),
			requirement: /says whether \S+ overlaps \S+/,
			found: /holds (yes|no) \((they overlap|no overlap)\)$/,
		},
	],
	'connection-fate': [
		{
			// The destination as sent, as if nothing rewrote it.
			lines: (s) => [`mkdir -p ${dir(s)}`, `echo ${/connection to (\d+\.\d+\.\d+\.\d+:\d+)\./.exec(s.task.text)![1]!} > ${target(s.task.solution.at(-1)!)}`],
			requirement: /says what becomes of .* on node0\d \((REJECT|DROP|\d+\.\d+\.\d+\.\d+:\d+)\)$/,
			found: / holds \d+\.\d+\.\d+\.\d+:\d+$/,
		},
	],
	'service-for-ip': [
		{
			// The name alone, without its namespace.
			lines: (s) => s.task.solution.map((l) => l.replace(`print $1 "/" $2`, 'print $2')),
			requirement: /names the Service with ClusterIP \S+ \(\S+\/\S+\)$/,
			found: /holds "[a-z]+-[a-z]\d-(svc|service)"$/,
		},
	],
	'cni-bridge': [
		{
			// flannel's VXLAN device, not the bridge.
			lines: (s) => s.task.solution.map((l) => l.replace('echo cni0', 'echo flannel.1')),
			requirement: /names node0\d's CNI bridge \(cni0\)/,
			found: /holds "flannel\.1"$/,
		},
	],
	'delete-service': [
		{
			// The Deployment deleted instead of the Service.
			lines: (s) => s.task.solution.map((l) => l.replace(/delete service (\S+)-(svc|service)$/, 'delete deployment $1')),
			requirement: /^Service \S+ deleted$/,
			found: /^Service \S+ is still in namespace \S+$/,
		},
	],
	'expose-udp': [
		{
			// No --protocol: the port is TCP.
			lines: (s) => s.task.solution.map((l) => l.replace(' --protocol UDP', '')),
			requirement: /: port \d+ is UDP$/,
			found: /^its protocol is TCP, expected UDP$/,
		},
	],
	'scale-endpoints': [
		{
			// One replica too many.
			lines: (s) => s.task.solution.map((l) => l.replace(/--replicas (\d+)$/, (_, n: string) => `--replicas ${Number(n) + 1}`)),
			requirement: /: \d endpoints$/,
			found: /^it has \d: /,
		},
	],
	'kube-proxy-error': [
		{
			// The path the DaemonSet should name, not the one it names.
			lines: (s) => [`mkdir -p ${dir(s)}`, `echo /var/lib/kube-proxy/config.conf > ${target(solutionLine(s, 'logs'))}`],
			requirement: /holds the path kube-proxy on \S+ cannot open/,
			found: /holds "\/var\/lib\/kube-proxy\/config\.conf"$/,
		},
	],
	'nodeport-number': [
		{
			// The Service's port, not its node port.
			lines: (s) => s.task.solution.map((l) => l.replace('.nodePort}', '.port}')),
			requirement: /holds Service \S+'s node port \(\d+\)$/,
			found: / holds [\d,]+$/,
		},
	],
	'kubelet-dns': [
		{
			// The kubernetes Service's IP, the first of the range, instead of kube-dns's.
			lines: (s) => [`mkdir -p ${dir(s)}`, `kubectl get svc kubernetes -o jsonpath='{.spec.clusterIP}' > ${target(solutionLine(s, 'clusterDNS'))}`],
			requirement: /holds \S+'s kubelet clusterDNS \(\S+\)$/,
			found: /holds "\d+\.\d+\.\d+\.1"$/,
		},
	],
	'pods-on-pod-network': [
		{
			// Every Pod on the node counted as on the pod network, host-network Pods included.
			lines: (s) => s.task.solution.map((l) => l.replace("grep -c ' 10\\.244\\.'", 'wc -l')),
			requirement: /have a pod-network IP \(\d+\)$/,
			found: / holds [\d,]+$/,
		},
	],
	'first-pod-ip': [
		{
			// Forgetting that cni0 takes the first address.
			lines: (s) => s.task.solution.map((l) => (l.includes('pod-ip') ? l.replace(/^echo (\S+)/, (_, ip: string) => `echo ${formatIPv4(parseIPv4(ip) - 1)}`) : l)),
			requirement: /holds the \w+ Pod's IP/,
			found: /pod-ip holds "\d+\.\d+\.\d+\.\d+"$/,
		},
	],
	'expose-nodeport': [
		{
			// The container port's number instead of its name.
			lines: (s) => s.task.solution.map((l) => l.replace(/--target-port \S+/, `--target-port ${s.session.cluster.api.peek('Deployment').find((d) => l.includes(`deployment ${d.metadata.name} `))?.spec.template.spec.containers[0]!.ports![0]!.containerPort ?? 0}`)),
			requirement: /: targetPort [a-z-]+$/,
			found: /^targetPort is \d+, expected [a-z-]+$/,
		},
		{
			// Exposed, but the node port left to chance.
			lines: (s) => s.task.solution.filter((l) => !l.includes('patch')),
			requirement: /: nodePort \d+$/,
			found: /^nodePort is \d+, expected \d+$/,
		},
	],
	'fix-selector': [
		{
			// A selector on a label the Pods do not have.
			lines: (s) => [solutionLine(s, 'patch').replace('{"app":', '{"run":')],
			requirement: /its endpoints are Deployment \S+'s Pods/,
			found: /^endpoints are none, expected /,
		},
	],
	'fix-target-port': [
		{
			// Restarting the Pods changes nothing.
			lines: (s) => [solutionLine(s, 'get deploy').replace(/get deploy (\S+).*$/, 'rollout restart deployment $1')],
			requirement: /sends to the Pods' port \d+/,
			found: /^endpoints are \S+:\d+.*, expected /,
		},
	],
	'pod-service-rules': [
		{
			// The whole NAT table saved, not only the Service's rules.
			lines: (s) => s.task.solution.map((l) => l.replace(/iptables-save \| grep \S+/, 'iptables-save -t nat')),
			requirement: /holds .*'s rules from node0\d/,
			found: /lines are not .*'s rules on node0\d/,
		},
		{
			// The Service on the container's port instead of the asked one.
			lines: (s) => s.task.solution.map((l) => l.replace(/--port \d+ --target-port (\d+)/, '--port $1 --target-port $1')),
			requirement: /: port \d+$/,
			found: /^ports are \d+, expected \d+$/,
		},
	],
	'service-cidr': [
		{
			// The Service created before the range was changed keeps its old IP.
			lines: (s) => [solutionLine(s, 'expose'), solutionLine(s, 'sed -i')],
			requirement: /: ClusterIP inside /,
			found: /^its ClusterIP is \d+\.\d+\.\d+\.\d+$/,
		},
	],
	'kube-proxy-crashloop': [
		{
			// Restarting the Pods without fixing the ConfigMap: they crash again.
			lines: () => ['kubectl -n kube-system delete pod -l k8s-app=kube-proxy'],
			requirement: /^a kube-proxy Pod runs on (controlplane|node01|node02)$/,
			found: /^kube-proxy-\w+ is CrashLoopBackOff$/,
		},
	],
	'cidr-range': [
		{
			// Usable hosts (minus network and broadcast) instead of addresses.
			lines: (s) => s.task.solution.map((l) => l.replace(/echo \$\(\((.*)\)\)/, 'echo $(($1-2))')),
			requirement: /holds the number of addresses in/,
			found: /size\.txt holds [\d,]+$/,
		},
	],
	'nth-pod-cidr': [
		{
			// Off by one: the block after the right one.
			lines: (s) =>
				s.task.solution.map((l) =>
					l.replace(/^echo (\d+\.\d+\.\d+\.\d+)\/(\d+)/, (_, ip: string, mask: string) => `echo ${formatIPv4(parseIPv4(ip) + 2 ** (32 - Number(mask)))}/${mask}`),
				),
			requirement: /holds the \w+ node's pod CIDR/,
			found: /node-cidr\.txt holds \d+\.\d+\.\d+\.\d+–/,
		},
	],
	'dnat-endpoints': [
		{
			// The Service's cluster IP:port, as if there were no DNAT.
			lines: (s) => [`mkdir -p ${dir(s)}`, `echo ${/to (\d+\.\d+\.\d+\.\d+:\d+)\./.exec(s.task.text)![1]!} > ${target(solutionLine(s, 'to-destination'))}`],
			requirement: /lists where .* is DNATed/,
			found: /dnat\.txt lists \d+\.\d+\.\d+\.\d+:\d+$/,
		},
	],
};

test('the templates: unique ids, every group, a version, wrong solutions for each', (t) => {
	const ids = TASK_TEMPLATES.map((x) => x.id);
	t.is(new Set(ids).size, ids.length);
	for (const group of TASK_GROUPS) t.true(TASK_TEMPLATES.filter((x) => x.group === group).length >= 3, group);
	for (const template of TASK_TEMPLATES) {
		t.regex(template.version, /^v1\.\d+$/);
		t.true(WRONG[template.id] !== undefined && WRONG[template.id]!.length > 0, `${template.id} has a wrong solution to test`);
	}
	t.is(findTemplate('fix-selector')?.group, 'change');
	t.is(findTemplate('nope'), undefined);
});

for (const template of TASK_TEMPLATES) {
	test(`${template.id}: the reference solution passes on 20 seeds, and the untouched cluster does not`, (t) => {
		const texts = new Set<string>();
		for (const seed of SEEDS) {
			const started = startTask(template, seed);
			texts.add(started.task.text);
			t.true(failedChecks(checkTask(started)).length > 0, `seed ${seed}: passes before anything is done`);
			runLines(started, started.task.solution);
			const checks = checkTask(started);
			t.deepEqual(failedChecks(checks), [], `seed ${seed}:\n${started.task.solution.join('\n')}\n${describe(checks)}`);
		}
		t.is(texts.size, SEEDS.length, 'no two seeds ask the same thing');
	});

	test(`${template.id}: the same seed draws the same task`, (t) => {
		const a = startTask(template, 7);
		const b = startTask(template, 7);
		t.is(a.task.text, b.task.text);
		t.deepEqual(a.task.solution, b.task.solution);
		t.true(a.task.hint.length > 20);
	});

	for (const [i, wrong] of (WRONG[template.id] ?? []).entries()) {
		test(`${template.id}: wrong solution ${i + 1} fails on 20 seeds, naming the requirement`, (t) => {
			for (const seed of SEEDS) {
				const started = startTask(template, seed);
				const lines = wrong.lines(started);
				runLines(started, lines);
				const failed = failedChecks(checkTask(started));
				const named = failed.find((c) => wrong.requirement.test(c.requirement));
				t.truthy(named, `seed ${seed}: ${lines.join('\n')}\n${describe(checkTask(started))}`);
				if (named) t.regex(named.found ?? '', wrong.found, `seed ${seed}`);
			}
		});
	}
}
