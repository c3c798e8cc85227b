import test from 'ava';
import {joinHostPort, parseIPPort, splitHostPort} from '../../../src/sim/net/host-port.js';

test('joinHostPort brackets IPv6 hosts only, as net.JoinHostPort', (t) => {
	t.is(joinHostPort('10.244.1.2', 3306), '10.244.1.2:3306');
	t.is(joinHostPort('fd00::2', 3306), '[fd00::2]:3306');
	t.is(joinHostPort('db-service', '3306'), 'db-service:3306');
});

test('splitHostPort: the shapes net.SplitHostPort accepts, and those it refuses', (t) => {
	t.deepEqual(splitHostPort('10.96.0.10:53'), {host: '10.96.0.10', port: '53'});
	t.deepEqual(splitHostPort('[fd00::10]:53'), {host: 'fd00::10', port: '53'});
	t.deepEqual(splitHostPort('[10.96.0.10]:53'), {host: '10.96.0.10', port: '53'});
	t.deepEqual(splitHostPort('db-service:3306'), {host: 'db-service', port: '3306'});
	t.deepEqual(splitHostPort(':80'), {host: '', port: '80'});
	// missing port in address; too many colons in address; text around the brackets.
	for (const bad of ['10.96.0.10', 'fd00::10:53', '[fd00::10]', 'x[fd00::10]:53', '[fd00::10]x:53', '[[fd00::10]]:53']) t.is(splitHostPort(bad), undefined, bad);
});

test('parseIPPort: a literal IP and a port from 1 to 65535', (t) => {
	t.deepEqual(parseIPPort(' 10.103.132.104:3306 '), {ip: '10.103.132.104', port: 3306});
	t.deepEqual(parseIPPort('[fd00::10]:53'), {ip: 'fd00::10', port: 53});
	for (const bad of ['10.96.0.10:0', '10.96.0.10:65536', '10.96.0.10:-1', '10.96.0.10:1e3', '10.96.0.10:', 'db:3306', '10.96.0.256:53', 'fd00::10:53', `10.96.0.10:${'9'.repeat(400)}`])
		t.is(parseIPPort(bad), undefined, bad);
});
