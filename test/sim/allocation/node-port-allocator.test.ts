import test from 'ava';
import fc from 'fast-check';
import {NodePortAllocator} from '../../../src/sim/allocation/node-port-allocator.js';
import {parsePortRange} from '../../../src/sim/allocation/port-range.js';
import {kubectlInvalidMessage} from '../../../src/sim/allocation/api-errors.js';
import {seededRandom} from '../../../src/sim/random.js';

test('30000-32767 by default, with a static band 30000–30085', (t) => {
	const ports = new NodePortAllocator();
	t.is(ports.rangeText, '30000-32767');
	t.is(ports.size, 2768);
	t.is(ports.staticBandSize, 86);
	t.deepEqual(ports.staticBand(), {first: 30000, last: 30085});
});

test('a chosen port, then the same port again', (t) => {
	const ports = new NodePortAllocator();
	t.deepEqual(ports.allocate(30080), {ok: true, port: 30080});
	const again = ports.allocate(30080, 1);
	t.like(again, {
		ok: false,
		error: {
			reason: 'AlreadyAllocated',
			message: 'provided port is already allocated',
			apiMessage: 'spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated',
		},
	});
});

test('a port outside the range', (t) => {
	const result = new NodePortAllocator().allocate(8888);
	t.false(result.ok);
	if (result.ok) return;
	t.is(result.error.message, 'provided port is not in the valid range. The range of valid ports is 30000-32767');
	t.is(
		kubectlInvalidMessage('Service', 'sample-nodeport-fail', result.error.fieldError!),
		'The Service "sample-nodeport-fail" is invalid: spec.ports[0].nodePort: Invalid value: 8888: provided port is not in the valid range. The range of valid ports is 30000-32767',
	);
	t.like(new NodePortAllocator('20000-22767').allocate(31536), {
		ok: false,
		error: {message: 'provided port is not in the valid range. The range of valid ports is 20000-22767'},
	});
});

test('dynamic ports fill the upper band before the static band, then the range is full', (t) => {
	const ports = new NodePortAllocator('30000-30199');
	t.is(ports.staticBandSize, 16);
	const random = seededRandom(1);
	const got: number[] = [];
	for (;;) {
		const r = ports.allocateNext(random);
		if (!r.ok) {
			t.is(r.error.apiMessage, 'Internal error occurred: failed to allocate a nodePort: range is full');
			break;
		}
		got.push(r.port);
	}
	t.is(got.length, 200);
	t.true(got.slice(0, 184).every((p) => p >= 30016));
	t.true(got.slice(184).every((p) => p < 30016));
});

test('a range of 16 ports or fewer has no band', (t) => {
	const ports = new NodePortAllocator('30000-30009');
	t.is(ports.staticBand(), null);
});

test('same seed, same ports', (t) => {
	const run = (seed: number) => {
		const ports = new NodePortAllocator();
		const random = seededRandom(seed);
		return Array.from({length: 6}, () => {
			const r = ports.allocateNext(random);
			return r.ok ? r.port : 0;
		});
	};
	t.deepEqual(run(5), run(5));
	t.notDeepEqual(run(5), run(6));
	t.true(run(5).every((p) => p >= 30086 && p <= 32767));
});

test('release frees a port', (t) => {
	const ports = new NodePortAllocator();
	ports.allocate(31000);
	t.true(ports.has(31000));
	t.true(ports.release(31000));
	t.false(ports.release(31000));
	t.false(ports.has(31000));
	t.is(ports.used, 0);
});

test('dynamic ports are in range, unique, and avoid the band while the upper band has room (property)', (t) => {
	fc.assert(
		fc.property(fc.integer(), fc.integer({min: 1, max: 300}), (seed, count) => {
			const ports = new NodePortAllocator();
			const random = seededRandom(seed);
			const seen = new Set<number>();
			for (let i = 0; i < count; i++) {
				const r = ports.allocateNext(random);
				if (!r.ok || r.port < 30086 || r.port > 32767 || seen.has(r.port)) return false;
				seen.add(r.port);
			}
			return true;
		}),
	);
	t.pass();
});

test('--service-node-port-range parsing, with kube-apiserver’s errors', (t) => {
	t.deepEqual(parsePortRange('30000-32767'), {ok: true, value: {base: 30000, size: 2768}});
	t.deepEqual(parsePortRange('30000'), {ok: true, value: {base: 30000, size: 1}});
	t.deepEqual(parsePortRange('30000+99'), {ok: true, value: {base: 30000, size: 100}});
	t.deepEqual(parsePortRange('32767-30000'), {ok: false, error: 'end port cannot be less than start port: 32767-30000'});
	t.deepEqual(parsePortRange('60000-70000'), {ok: false, error: 'the port range cannot be greater than 65535: 60000-70000'});
	t.deepEqual(parsePortRange('abc'), {ok: false, error: 'strconv.Atoi: parsing "abc": invalid syntax'});
	t.deepEqual(parsePortRange('1-2+3'), {ok: false, error: 'unable to parse port range: 1-2+3'});
	t.is(
		t.throws(() => new NodePortAllocator('32767-30000'))?.message,
		'invalid argument "32767-30000" for "--service-node-port-range" flag: end port cannot be less than start port: 32767-30000',
	);
});
