import test from 'ava';
import {
	APISERVER_DEFAULT_SERVICE_CIDR,
	KUBEADM_DEFAULT_SERVICE_CIDR,
	kubeDNSServiceIP,
	kubernetesServiceIP,
	validateServiceClusterIPRange,
} from '../../../src/sim/net/service-cidr.js';
import {validateServiceClusterIPRange as fromCidrInfo} from '../../../src/sim/net/cidr-info.js';

test('at most 20 host bits: /12 is the largest IPv4 range', (t) => {
	t.is(validateServiceClusterIPRange('10.96.0.0/12'), null);
	t.is(
		validateServiceClusterIPRange('10.96.0.0/11'),
		'specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12',
	);
	t.is(
		validateServiceClusterIPRange('10.0.0.0/8'),
		'specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12',
	);
	t.is(fromCidrInfo('10.96.0.0/11'), validateServiceClusterIPRange('10.96.0.0/11'));
});

test('IPv6 ranges need a mask of at least /108', (t) => {
	t.is(validateServiceClusterIPRange('fd00:10:96::/108'), null);
	t.is(
		validateServiceClusterIPRange('fd00:10:96::/64'),
		'specified --service-cluster-ip-range is too large; for 128-bit addresses, the mask must be >= 108',
	);
});

test('the range must hold at least 8 addresses', (t) => {
	t.is(validateServiceClusterIPRange('10.0.0.0/29'), null);
	t.is(
		validateServiceClusterIPRange('10.0.0.0/30'),
		'error determining service IP ranges for primary service cidr: the service cluster IP range must be at least 8 IP addresses',
	);
});

test('text that is no CIDR gets the parser message; host bits are accepted', (t) => {
	t.is(validateServiceClusterIPRange('10.96.0.0/33'), '"10.96.0.0/33": prefix length must be 0–32');
	t.is(validateServiceClusterIPRange('10.96.0.5/12'), null);
});

test('kubernetes gets the first address, kube-dns the tenth', (t) => {
	t.is(kubernetesServiceIP(KUBEADM_DEFAULT_SERVICE_CIDR), '10.96.0.1');
	t.is(kubeDNSServiceIP(KUBEADM_DEFAULT_SERVICE_CIDR), '10.96.0.10');
	t.is(kubernetesServiceIP(APISERVER_DEFAULT_SERVICE_CIDR), '10.0.0.1');
	t.is(kubernetesServiceIP('10.32.0.0/24'), '10.32.0.1');
	t.is(kubeDNSServiceIP('10.32.0.0/24'), '10.32.0.10');
});
