// klog's line header, shared by every component log the node shell shows:
// `Lmmdd hh:mm:ss.uuuuuu threadid file:line]` (severity I/W/E/F, the thread id right-aligned in 7).
export function klogHeader(severity: 'I' | 'W' | 'E' | 'F', date: Date, micros: number, threadID: number, site: string): string {
	const two = (n: number): string => String(n).padStart(2, '0');
	const us = String(date.getUTCMilliseconds() * 1000 + micros).padStart(6, '0');
	return `${severity}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}.${us} ${String(threadID).padStart(7)} ${site}]`;
}
