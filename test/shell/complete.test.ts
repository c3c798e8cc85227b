// Tab completion (src/shell/complete.ts) on the shell cluster of seed 1: what bash with kubectl's
// completion loaded would put on the line, and what a second Tab would list.
import test from 'ava';
import {complete, commandWords} from '../../src/shell/complete.js';
import {completionListing} from '../../src/shell/completion-listing.js';
import {newShellSession} from '../../src/shell/start.js';

const session = newShellSession({seed: 1});
const tab = (line: string, cursor = [...line].length) => complete(session, line, cursor);

test('the first word completes to a command name; one match gets a space after it', (t) => {
	t.deepEqual(tab('kub'), {line: 'kubectl ', cursor: 8, candidates: []});
	t.deepEqual(tab('ls | gr'), {line: 'ls | grep ', cursor: 10, candidates: []});
	t.deepEqual(tab('echo $(hostn'), {line: 'echo $(hostname ', cursor: 16, candidates: []});
	const ip = tab('ipt');
	t.is(ip.line, 'iptables');
	t.true(ip.candidates.includes('iptables-save'));
	t.deepEqual(tab('nosuchcommand'), {line: 'nosuchcommand', cursor: 13, candidates: []});
});

test('after kubectl: its verbs; after get: resource types and short names; after a type: names in the namespace', (t) => {
	const verbs = tab('kubectl ');
	t.is(verbs.line, 'kubectl ');
	t.true(['get', 'describe', 'logs', 'apply', 'expose'].every((v) => verbs.candidates.includes(v)));
	t.deepEqual(tab('kubectl g'), {line: 'kubectl get ', cursor: 12, candidates: []});
	t.deepEqual(tab('k g'), {line: 'k get ', cursor: 6, candidates: []}, 'the k alias');
	t.deepEqual(tab('kubectl get s').candidates, ['services', 'statefulsets', 'sts', 'svc']);
	t.deepEqual(tab('kubectl get svc ').candidates, ['cache', 'db-service', 'grafana', 'kubernetes', 'web']);
	t.deepEqual(tab('kubectl get svc d'), {line: 'kubectl get svc db-service ', cursor: 27, candidates: []});
	t.deepEqual(tab('kubectl get svc -n kube-system '), {line: 'kubectl get svc -n kube-system kube-dns ', cursor: 40, candidates: []});
	t.deepEqual(tab('kubectl -n kube-system get svc '), {line: 'kubectl -n kube-system get svc kube-dns ', cursor: 40, candidates: []}, 'a global flag before the verb');
	t.deepEqual(tab('kubectl get svc --namespace=kube-system '), {line: 'kubectl get svc --namespace=kube-system kube-dns ', cursor: 49, candidates: []});
	t.deepEqual(tab('kubectl describe svc/d'), {line: 'kubectl describe svc/db-service ', cursor: 32, candidates: []});
	const proxies = tab('kubectl logs -n kube-system kube-p');
	t.is(proxies.line, 'kubectl logs -n kube-system kube-proxy-');
	t.is(proxies.candidates.length, 3, 'one kube-proxy Pod per node');
});

test('after -n: namespaces; -- and -: the verb\'s flags; -o: output formats', (t) => {
	t.deepEqual(tab('kubectl get po -n ').candidates, ['default', 'kube-flannel', 'kube-node-lease', 'kube-public', 'kube-system']);
	t.deepEqual(tab('kubectl get po -n kube-s'), {line: 'kubectl get po -n kube-system ', cursor: 30, candidates: []});
	t.deepEqual(tab('kubectl get pods --sh'), {line: 'kubectl get pods --show-', cursor: 24, candidates: ['--show-kind', '--show-labels', '--show-managed-fields']});
	t.deepEqual(tab('kubectl get pods --all-'), {line: 'kubectl get pods --all-namespaces ', cursor: 34, candidates: []});
	t.deepEqual(tab('kubectl get pods -o ').candidates, ['custom-columns=', 'json', 'jsonpath=', 'name', 'wide', 'yaml']);
	t.deepEqual(tab('kubectl get pods -o jsonp'), {line: 'kubectl get pods -o jsonpath=', cursor: 29, candidates: []}, 'no space after =');
	t.false(tab('kubectl get pods --').candidates.some((f) => f.startsWith('--__')), 'internal flags are not offered');
});

test('paths: directories get a slash and no space, files a space; a second Tab lists the last parts', (t) => {
	t.deepEqual(tab('cat /etc/kub'), {line: 'cat /etc/kubernetes/', cursor: 20, candidates: []});
	const listing = tab('cat /etc/kubernetes/');
	t.is(listing.line, 'cat /etc/kubernetes/');
	t.true(listing.candidates.includes('manifests/'));
	t.true(listing.candidates.includes('admin.conf'));
	t.deepEqual(tab('cat /etc/kubernetes/manifests/kube-a'), {line: 'cat /etc/kubernetes/manifests/kube-apiserver.yaml ', cursor: 50, candidates: []});
	t.deepEqual(tab('kubectl apply -f /etc/kubernetes/ma'), {line: 'kubectl apply -f /etc/kubernetes/manifests/', cursor: 43, candidates: []}, 'kubectl -f takes a path');
	t.deepEqual(tab('ls /nothing/he'), {line: 'ls /nothing/he', cursor: 14, candidates: []});
});

test('ssh: node names; the cursor in the middle completes the word before it and keeps the rest', (t) => {
	t.deepEqual(tab('ssh n'), {line: 'ssh node0', cursor: 9, candidates: ['node01', 'node02']});
	t.deepEqual(tab('ssh node02'), {line: 'ssh node02 ', cursor: 11, candidates: []});
	t.deepEqual(tab('kub get pods', 3), {line: 'kubectl get pods', cursor: 7, candidates: []}, 'no second space before the rest');
	t.deepEqual(tab('echo "a b'), {line: 'echo "a b', cursor: 9, candidates: []}, 'a quoted word is left alone');
});

test('commandWords splits at pipes, lists and $( as bash starts a new command there', (t) => {
	t.deepEqual(commandWords('ps aux | grep kube'), {words: ['grep'], current: 'kube', raw: 'kube'});
	t.deepEqual(commandWords('true && kubectl get '), {words: ['kubectl', 'get'], current: '', raw: ''});
	t.deepEqual(commandWords("echo 'a b' c"), {words: ['echo', 'a b'], current: 'c', raw: 'c'});
});

test('a second Tab lists as readline does: columns as wide as the longest plus two, filled top to bottom', (t) => {
	// Checked against bash 5.2 at 80 columns: `cat <Tab><Tab>` in a folder of these names.
	t.deepEqual(completionListing(['manifests/', 'services', 'statefulsets', 'sts', 'svc'], 80), ['manifests/    services      statefulsets  sts           svc']);
	const names = Array.from({length: 14}, (_, i) => `name-${String(i).padStart(2, '0')}`);
	// 7 + 2 = 9 cells a column: 80 / 9 = 8 columns, 2 rows, read down.
	t.deepEqual(completionListing(names, 80), [
		'name-00  name-02  name-04  name-06  name-08  name-10  name-12',
		'name-01  name-03  name-05  name-07  name-09  name-11  name-13',
	]);
	t.deepEqual(completionListing(['abcdefgh'], 10), ['abcdefgh'], 'one column when that is all that fits');
	t.deepEqual(completionListing([], 80), []);
});
