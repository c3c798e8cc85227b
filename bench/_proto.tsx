import {render, Box, Text, useInput, useApp} from 'ink';
import React from 'react';
function App() {
	const {exit} = useApp();
	useInput((input) => { if (input === 'q') exit(); });
	return <Box flexDirection="column" borderStyle="round"><Text>svc-tutor READY 🟠 🔵</Text><Text>line</Text></Box>;
}
const t = process.hrtime.bigint();
render(<App />);
