// The root component: owns the reducer, turns keys, resizes and the course loading into actions,
// saves progress when it changes, and draws the frame the layouts compute for the state.
import {useApp, useInput, useStdin, useStdout} from 'ink';
import {useCallback, useEffect, useReducer, useRef} from 'react';
import type {Progress} from '../tutor/progress/types.js';
import {FrameView} from './frame-view.js';
import {frameFor} from './layout/screen.js';
import {prepareNext} from './prefetch.js';
import {toKeys} from './keymap/key.js';
import {reducer} from './state/reducer.js';
import {colourOn, type AppState, type Size} from './state/state.js';
import {ColourContext} from './theme.js';
import type {World} from './world-types.js';

export interface ProgressSink {
	save(progress: Progress): void;
	/** Calls back with a failed save's message, and with undefined once saving works again. */
	listen?(listener: (error: string | undefined) => void): void;
}

export interface AppProps {
	initial: AppState;
	/** Loads the engine and the validated course, after the first frame. */
	loadWorld: () => Promise<World>;
	sink?: ProgressSink;
	/** Save the initial progress too (a new learner's seed, or one given with --seed). */
	saveInitially?: boolean;
	/** A fixed size (tests); otherwise the terminal's, following resizes. */
	size?: Size;
	/** Told about every state after it is drawn (the caller keeps the last one for its goodbye). */
	onState?: (state: AppState) => void;
}

export function App({initial, loadWorld, sink, saveInitially = false, size, onState}: AppProps) {
	const [state, dispatch] = useReducer(reducer, initial);
	const {exit} = useApp();
	const {isRawModeSupported} = useStdin();
	const {stdout} = useStdout();

	// Without a terminal Ink cannot read keys (isRawModeSupported is undefined there, not false);
	// the CLI does not start the app then, but a component must not throw either.
	const keysActive = isRawModeSupported === true;
	const onInput = useCallback((input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]) => {
		for (const k of toKeys(input, key)) dispatch({type: 'key', key: k});
	}, []);
	useInput(onInput, {isActive: keysActive});

	useEffect(() => {
		if (size) return;
		const onResize = (): void => dispatch({type: 'resize', size: {columns: stdout.columns || 80, rows: stdout.rows || 24}});
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [size, stdout]);

	useEffect(() => {
		let cancelled = false;
		// After the first frame is on screen, and after keys already typed have been read (an
		// immediate runs after the event loop has polled for input; a timer would run before):
		// loading the course takes a few hundred milliseconds and blocks while it runs.
		const timer = setImmediate(() => {
			loadWorld().then(
				// The node shell loads just after the lessons' engine: a Shell chosen meanwhile opens on it.
				(world) => world.ready().then(() => cancelled || dispatch({type: 'loaded', world})),
				(error: unknown) => cancelled || dispatch({type: 'loadFailed', message: error instanceof Error ? error.message : String(error)}),
			);
		});
		return () => {
			cancelled = true;
			clearImmediate(timer);
		};
	}, [loadWorld]);

	useEffect(() => {
		sink?.listen?.((error) => dispatch({type: 'saveStatus', ...(error !== undefined ? {error} : {})}));
	}, [sink]);

	const saved = useRef<Progress | undefined>(saveInitially ? undefined : initial.progress);
	useEffect(() => {
		if (!sink || saved.current === state.progress) return;
		saved.current = state.progress;
		sink.save(state.progress);
	}, [sink, state.progress]);

	useEffect(() => {
		onState?.(state);
		if (state.quit) exit();
	}, [state, exit, onState]);

	// Once this frame is out (Ink writes it during the commit, before effects run), the next step is
	// prepared at once, so that it is ready even for a fast reader's next key (a key that comes first
	// cancels it: it is not needed then).
	useEffect(() => {
		let timer = setTimeout(() => {
			const draw = prepareNext(state);
			// Drawn off screen once the learner has paused: keys coming quickly keep the drawing code warm
			// themselves, and would only wait behind it.
			if (draw) timer = setTimeout(draw, 50);
		}, 1);
		return () => clearTimeout(timer);
	}, [state]);

	const frame = frameFor(state);
	return (
		<ColourContext.Provider value={colourOn(state)}>
			<FrameView frame={frame} columns={state.size.columns} rows={state.size.rows} />
		</ColourContext.Provider>
	);
}
