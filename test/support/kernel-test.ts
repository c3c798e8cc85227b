/**
 * ava glue for kernel tests, kept apart from kernel-node.ts so that module can be imported outside
 * ava (a script, a benchmark): ava refuses to load when its `test` is imported outside its CLI.
 */
import test, {type ExecutionContext} from 'ava';
import {kernelAvailable} from './kernel-node.js';

/**
 * Registers a serial ava test that needs the real kernel. Serial, because several nodes built at
 * once on a small machine slow each other down and make timeouts (DROP detection) less reliable.
 * Without a usable kernel the test is titled `… [SKIPPED: no kernel]`, logs why and passes
 * (`test.skip` is not allowed here); with env `CI` set the kernel is required, and it fails.
 */
export function kernelTest(title: string, impl: (t: ExecutionContext) => Promise<void>): void {
	const available = kernelAvailable();
	if (available.ok) {
		test.serial(title, impl);
		return;
	}
	const {reason} = available;
	if (process.env['CI'] !== undefined) {
		test.serial(title, (t) => {
			t.fail(`kernel required when CI is set: ${reason}`);
		});
		return;
	}
	test.serial(`${title} [SKIPPED: no kernel]`, (t) => {
		t.log(`skipped: ${reason}`);
		t.pass();
	});
}
