// A question's choices, drawn by ink-select-input. Its own key handling is switched off
// (isFocused false): it reads keys against the state of its last render, so Down+Enter arriving
// together chose the item highlighted *before* Down (the fast-input bug in the toolchain notes).
// Keys go through the app's reducer instead, which holds the cursor; this list only draws it, and
// is remounted at the cursor (key, initialIndex) each time it moves.
import {Text} from 'ink';
import SelectInput from 'ink-select-input';
import type {ChoiceBlock} from './layout/frame.js';
import {useColour} from './theme.js';

function Indicator({isSelected = false}: {isSelected?: boolean}) {
	const colour = useColour();
	return (
		<Text bold {...(colour && isSelected ? {color: 'blue'} : {})}>
			{isSelected ? '❯ ' : '  '}
		</Text>
	);
}

function Item({isSelected = false, label}: {isSelected?: boolean; label: string}) {
	const colour = useColour();
	return (
		<Text bold={isSelected} wrap="truncate-end" {...(colour && isSelected ? {color: 'blue'} : {})}>
			{label}
		</Text>
	);
}

export function ChoiceList({block}: {block: ChoiceBlock}) {
	const items = block.items.map((label, index) => ({key: String(index), label, value: index}));
	return <SelectInput key={`${block.id}:${block.cursor}`} items={items} initialIndex={block.cursor} isFocused={false} indicatorComponent={Indicator} itemComponent={Item} />;
}
