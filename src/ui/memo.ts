// A cache keyed by a path of values (a node, a format, a Service, …), held in nested Maps: each
// answer is kept under the very values that chose it, with no key strings to build or to collide.
interface MemoNode<T> {
	value?: {of: T};
	children: Map<unknown, MemoNode<T>>;
}

export class Memo<T> {
	private readonly root: MemoNode<T> = {children: new Map()};

	get(path: readonly unknown[], make: () => T): T {
		let node = this.root;
		for (const part of path) {
			let child = node.children.get(part);
			if (!child) {
				child = {children: new Map()};
				node.children.set(part, child);
			}
			node = child;
		}
		node.value ??= {of: make()};
		return node.value.of;
	}
}
