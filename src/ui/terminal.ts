// The few escape sequences the tutor writes itself, around Ink: the alternate screen (so the
// course does not end up in the scrollback, and the shell's screen comes back on exit) and the
// cursor.
export const ENTER_ALT_SCREEN = '\u001B[?1049h';
export const LEAVE_ALT_SCREEN = '\u001B[?1049l';
export const HIDE_CURSOR = '\u001B[?25l';
export const SHOW_CURSOR = '\u001B[?25h';
export const CURSOR_HOME = '\u001B[H';
export const CLEAR_SCREEN = '\u001B[2J';
export const CLEAR_LINE_END = '\u001B[K';
