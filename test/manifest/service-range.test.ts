// Which service range a dump without --service-cluster-ip-range is read with (src/manifest/service-range.ts).
import test from 'ava';
import type {Service, ServiceCIDR} from '../../src/sim/api/types.js';
import {inferServiceRange} from '../../src/manifest/service-range.js';

function service(name: string, ip: string | undefined, namespace = 'default'): Service {
	const spec: Service['spec'] = {ports: [{port: 80}]};
	if (ip) {
		spec.clusterIP = ip;
		spec.clusterIPs = [ip];
	}
	return {apiVersion: 'v1', kind: 'Service', metadata: {name, namespace}, spec};
}

const range = (services: Service[], cidrs: ServiceCIDR[] = []): string => {
	const inferred = inferServiceRange(services, cidrs);
	return `${inferred.cidr} ${inferred.inferred ? 'inferred' : 'given'}`;
};

test("distributions' defaults, from the kubernetes Service's IP", (t) => {
	t.is(range([service('kubernetes', '10.96.0.1'), service('web', '10.111.2.3')]), '10.96.0.0/12 inferred');
	t.is(range([service('kubernetes', '10.43.0.1'), service('traefik', '10.43.145.9')]), '10.43.0.0/16 inferred');
	t.is(range([service('kubernetes', '172.30.0.1'), service('dns', '172.30.0.10')]), '172.30.0.0/16 inferred');
	t.is(range([service('kubernetes', '34.118.224.1'), service('shop', '34.118.233.150')]), '34.118.224.0/20 inferred');
	t.is(range([service('kubernetes', '10.100.0.1')]), '10.100.0.0/16 inferred');
	t.is(range([service('kubernetes', '10.152.183.1'), service('dns', '10.152.183.10')]), '10.152.183.0/24 inferred');
});

test('a custom kubeadm range: the /16 that starts below the kubernetes IP, widened only as far as the IPs need', (t) => {
	t.is(range([service('kubernetes', '10.32.0.1'), service('a', '10.32.200.1')]), '10.32.0.0/16 inferred');
	t.is(range([service('kubernetes', '10.32.0.1'), service('a', '10.33.7.1')]), '10.32.0.0/15 inferred');
	// A distribution's range that does not hold every IP is not taken.
	t.is(range([service('kubernetes', '34.118.224.1'), service('a', '34.118.250.1')]), '34.118.224.0/19 inferred');
});

test('without a kubernetes Service: the smallest /16 or larger block holding every IP', (t) => {
	t.is(range([service('a', '192.168.5.9'), service('b', '192.168.200.1')]), '192.168.0.0/16 inferred');
	t.is(range([service('a', '10.0.0.5'), service('b', '10.1.0.5')]), '10.0.0.0/15 inferred');
	// The kubernetes Service in another namespace is not the apiserver's.
	t.is(range([service('kubernetes', '10.43.0.1', 'tools'), service('b', '10.43.9.9')]), '10.43.0.0/16 inferred');
});

test('no IPv4 clusterIP: kubeadm default, not a guess; a ServiceCIDR named kubernetes: that range', (t) => {
	t.is(range([service('web', undefined)]), '10.96.0.0/12 given');
	const cidr: ServiceCIDR = {apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: {name: 'kubernetes'}, spec: {cidrs: ['172.16.0.0/20']}};
	t.is(range([service('kubernetes', '172.16.0.1'), service('a', '172.16.7.40')], [cidr]), '172.16.0.0/20 given');
	// A ServiceCIDR that does not hold the IPs (a second range was added) is not enough: inferred.
	t.is(range([service('kubernetes', '172.16.0.1'), service('a', '172.17.0.4')], [cidr]), '172.16.0.0/15 inferred');
});
