// One file written in the background, atomically, in order, the latest text winning: a write
// asked for while one is on its way replaces any other waiting one, so a burst of saves costs at
// most two writes. The progress file and the shell history are both written this way.
import {mkdir} from 'node:fs/promises';
import {dirname} from 'node:path';
import writeFileAtomic from 'write-file-atomic';

export class BackgroundWriter<T> {
	private waiting: T | undefined;
	private running: Promise<void> | undefined;

	constructor(
		readonly file: string,
		private readonly text: (value: T) => string,
		/** Told after each write: undefined when it succeeded, else what failed. */
		private readonly written: (failure: unknown) => void,
	) {}

	save(value: T): void {
		this.waiting = value;
		this.running ??= this.drain().finally(() => {
			this.running = undefined;
		});
	}

	/** Resolves once everything asked for so far is on disk (or has failed). */
	async flush(): Promise<void> {
		while (this.running) await this.running;
	}

	private async drain(): Promise<void> {
		for (let next = this.waiting; next !== undefined; next = this.waiting) {
			this.waiting = undefined;
			try {
				await mkdir(dirname(this.file), {recursive: true});
				await writeFileAtomic(this.file, this.text(next));
				this.written(undefined);
			} catch (error) {
				this.written(error ?? new Error('unknown error'));
			}
		}
	}
}
