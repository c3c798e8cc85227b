// Home: the course outline with continue, practice and settings. Its cursor lives in the app
// state (it is where the learner comes back to), so the screen itself holds nothing.
import type {AppState} from '../../state/state.js';
import {openLesson, openPractice, openSettings, openShell} from '../../state/navigate.js';
import {homeItems, openingStep, type HomeItem} from './items.js';

export interface HomeScreen {
	name: 'home';
}

export type HomeIntent = {type: 'move'; to: 'up' | 'down' | 'first' | 'last'} | {type: 'open'} | {type: 'openLesson'; index: number} | {type: 'openPractice'} | {type: 'openShell'} | {type: 'openSettings'};

export function updateHome(state: AppState, intent: HomeIntent): AppState {
	const items = homeItems(state.outline, state.progress);
	switch (intent.type) {
		case 'move': {
			const to = {up: state.homeCursor - 1, down: state.homeCursor + 1, first: 0, last: items.length - 1}[intent.to];
			return {...state, homeCursor: Math.max(0, Math.min(items.length - 1, to))};
		}
		case 'open': {
			const item = items[state.homeCursor];
			return item ? openItem(state, item) : state;
		}
		case 'openLesson':
			return state.outline[intent.index] ? openItem(state, {kind: 'lesson', index: intent.index}) : state;
		case 'openPractice':
			return openItem(state, {kind: 'practice'});
		case 'openShell':
			return openItem(state, {kind: 'shell'});
		case 'openSettings':
			return openItem(state, {kind: 'settings'});
	}
}

function openItem(state: AppState, item: HomeItem): AppState {
	const cleared: AppState = {...state};
	// A notice has been seen once the learner moves on.
	delete cleared.notice;
	switch (item.kind) {
		case 'continue':
			return openLesson(cleared, item.lesson, item.step);
		case 'lesson': {
			const outline = state.outline[item.index]!;
			return openLesson(cleared, outline.id, openingStep(outline, state.progress));
		}
		case 'practice':
			return openPractice(cleared);
		case 'shell':
			return openShell(cleared);
		case 'settings':
			return openSettings(cleared);
	}
}
