// The project's shared reference material lives beside the clone (../shared), on developers'
// machines and in CI alike; tests read it there rather than keeping a copy in the repo.
import {join} from 'node:path';

export function sharedPath(...parts: string[]): string {
	return join(process.cwd(), '..', 'shared', ...parts);
}
