// Running a task: a fresh shell cluster for the seed, prepared by the template; the learner's (or
// a script's) lines run in its shell; the checker then reads what the cluster and files became.
import {seededRandom} from '../sim/random.js';
import {newShellSession} from '../shell/start.js';
import type {Session} from '../shell/session.js';
import type {Check, Task, TaskTemplate, TaskWorld} from './types.js';

export interface StartedTask {
	template: TaskTemplate;
	task: Task;
	session: Session;
}

/** The world a checker sees through a session: its cluster and every node's files. */
export function sessionWorld(session: Session): TaskWorld {
	return {cluster: session.cluster, fs: (node) => session.fs(node)};
}

/** The task a template draws for a seed, on its own fresh cluster, prepared and ready for the learner. */
export function startTask(template: TaskTemplate, seed: number): StartedTask {
	const session = newShellSession({seed});
	const world = sessionWorld(session);
	// Forked a second time by the seed's digits: one fork leaves neighbouring seeds' streams alike enough that two seeds drew the same task.
	const task = template.generate({...world, seed, random: seededRandom(seed).fork(`task:${template.id}`).fork(String(seed))});
	return {template, task, session};
}

/** Runs lines in the task's shell, in order, as typed at its prompt; what they print is returned for tests. */
export function runLines(started: StartedTask, lines: readonly string[]): string {
	let output = '';
	for (const line of lines) {
		if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
		output += started.session.run(line).output.map((c) => c.text).join('');
	}
	return output;
}

export function checkTask(started: StartedTask): Check[] {
	return started.task.check(sessionWorld(started.session));
}
