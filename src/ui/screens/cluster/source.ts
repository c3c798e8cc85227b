// Where a cluster screen's cluster and question come from: a lesson's live cluster after the step
// on screen (the end card shows the last step's), or the practice cluster and its n-th question.
import {QUIZ_KINDS} from '../../../lessons/vocabulary.js';
import type {AppState} from '../../state/state.js';
import type {Asked, ClusterSnapshot, LessonSnapshot, World} from '../../world-types.js';
import type {ClusterContext} from './keys.js';
import type {ClusterScreen, LessonScreen} from './state.js';

export function lessonSnapshot(state: AppState, world: World, screen: LessonScreen): LessonSnapshot {
	const steps = world.lessons[screen.lesson]?.steps.length ?? 1;
	return world.lessonStep(screen.lesson, Math.max(0, Math.min(screen.step, steps - 1)), state.progress.seed);
}

export function snapshotOf(state: AppState, world: World, screen: ClusterScreen): ClusterSnapshot {
	return screen.name === 'lesson' ? lessonSnapshot(state, world, screen) : world.practice(state.progress.seed);
}

/** The question on screen: a lesson's quiz step, or practice's n-th question; undefined elsewhere. */
export function askedOn(state: AppState, world: World, screen: ClusterScreen): Asked | undefined {
	if (screen.name === 'practice') return world.practice(state.progress.seed).question(screen.n, state.progress.practice.kinds ?? QUIZ_KINDS);
	const step = world.lessons[screen.lesson]?.steps[screen.step];
	if (!step || !('quiz' in step)) return undefined;
	return lessonSnapshot(state, world, screen).question(screen.quiz.attempt);
}

/** What the cluster screen's keys depend on. */
export function clusterContext(state: AppState, world: World, screen: ClusterScreen): ClusterContext {
	const asked = askedOn(state, world, screen);
	if (screen.name === 'practice') return {screen, ...(asked ? {asked} : {}), atEnd: false, nextLesson: false};
	const steps = world.lessons[screen.lesson]!.steps;
	const step = steps[screen.step];
	const show = step && 'show' in step && screen.show ? screen.show.kind : undefined;
	const shell = step && 'shell' in step ? step.shell : undefined;
	return {screen, ...(asked ? {asked} : {}), ...(show ? {show} : {}), ...(shell !== undefined ? {shell} : {}), atEnd: screen.step >= steps.length, nextLesson: screen.lesson + 1 < world.lessons.length};
}
