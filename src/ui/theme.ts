// Whether to draw colours: the colour setting, NO_COLOR, and whether the terminal has any.
// Styles that are not colours (bold, dim, inverse) stay, so marks still read without colour.
import {createContext, useContext} from 'react';

export const ColourContext = createContext(true);

export function useColour(): boolean {
	return useContext(ColourContext);
}

/** NO_COLOR (any non-empty value, see no-color.org) or FORCE_COLOR=0 turn "auto" colour off. */
export function colourFromEnv(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
	if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
	if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
	if (env.TERM === 'dumb') return false;
	return isTTY;
}
