// Moving between screens: what opening a lesson, practice, settings or home does to the state.
// A lesson or practice chosen before the course has loaded waits (`pending`) and opens once it has.
import {openingStep} from '../screens/home/items.js';
import {goStep, openPracticeScreen} from '../screens/cluster/state.js';
import {openSettingsScreen} from '../screens/settings/state.js';
import {openShellScreen, shellOf, type ShellOpening} from '../screens/shell/state.js';
import type {AppState} from './state.js';

export function openLesson(state: AppState, id: string, step?: number): AppState {
	const world = state.world;
	if (!world) return {...state, pending: {lesson: id, ...(step !== undefined ? {step} : {})}};
	const index = world.lessons.findIndex((l) => l.id === id);
	if (index < 0) return {...state, screen: {name: 'home'}, notice: `The lesson "${id}" could not be loaded; its problem is listed below.`};
	return goStep(state, index, step ?? openingStep(world.outline[index]!, state.progress));
}

export function openPractice(state: AppState): AppState {
	if (!state.world) return {...state, pending: 'practice'};
	return {...state, screen: openPracticeScreen(state.progress.practice.next)};
}

export function openShell(state: AppState, opening: ShellOpening = {}): AppState {
	if (!state.world) return {...state, pending: 'shell'};
	// `svc-tutor shell` shows its shell screen while the engine loads: it opens for real once loaded, still leaving svc-tutor on exit.
	const waiting = state.screen.name === 'shell' && opening.back === undefined && state.screen.back !== undefined ? {back: state.screen.back} : {};
	return {...state, screen: openShellScreen(shellOf(state.world, opening, state.progress.seed), {...waiting, ...opening})};
}

export function openSettings(state: AppState): AppState {
	return {...state, screen: openSettingsScreen()};
}

export function goHome(state: AppState): AppState {
	return {...state, screen: {name: 'home'}};
}
