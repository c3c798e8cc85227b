import test from 'ava';
import {clusterIPStaticBandSize, nodePortStaticBandSize} from '../../../src/sim/allocation/static-band.js';

test('ClusterIP band: min(max(16, size/16), 256), none for 16 addresses or fewer', (t) => {
	t.is(clusterIPStaticBandSize(256), 16); // /24
	t.is(clusterIPStaticBandSize(2 ** 20), 256); // /12
	t.is(clusterIPStaticBandSize(4096), 256); // /20
	t.is(clusterIPStaticBandSize(1024), 64); // /22
	t.is(clusterIPStaticBandSize(32), 16); // /27
	t.is(clusterIPStaticBandSize(16), 0); // /28
	t.is(clusterIPStaticBandSize(8), 0); // /29
});

test('NodePort band: min(max(16, size/32), 128)', (t) => {
	t.is(nodePortStaticBandSize(2768), 86); // 30000-32767 → 30000–30085
	t.is(nodePortStaticBandSize(12768), 128); // 20000-32767
	t.is(nodePortStaticBandSize(201), 16); // 32567-32767
	t.is(nodePortStaticBandSize(16), 0);
	t.is(nodePortStaticBandSize(17), 16);
});
