// Inspect: which CNI plugin a node uses and where its configuration lives (/etc/cni/net.d).
import {check, failed, readAnswerFile, shown} from '../../checks.js';
import type {Check, TaskTemplate, TaskWorld} from '../../types.js';
import {courseDir, NODES, TASK_VERSION} from '../common.js';

const CNI_DIR = '/etc/cni/net.d';

/** The CNI config files on the node and the plugin type of each (a .conflist's first plugin, a .conf's type). */
function cniConfigs(world: TaskWorld, node: string): {path: string; type: string | undefined}[] {
	const fs = world.fs(node);
	return (fs.list(CNI_DIR) ?? [])
		.filter((name) => /\.(conflist|conf|json)$/.test(name))
		.map((name) => {
			const path = `${CNI_DIR}/${name}`;
			let type: string | undefined;
			try {
				const config = JSON.parse(fs.read(path) ?? '') as {type?: unknown; plugins?: {type?: unknown}[]};
				const value = config.plugins?.[0]?.type ?? config.type;
				type = typeof value === 'string' ? value : undefined;
			} catch {
				type = undefined;
			}
			return {path, type};
		});
}

export const cniConfig: TaskTemplate = {
	id: 'cni-config',
	group: 'inspect',
	title: 'Find the CNI plugin and its config file on a node',
	version: TASK_VERSION,
	generate({random}) {
		const dir = courseDir(random);
		const node = random.pick(NODES);
		const pathFile = `${dir}/cni-config-path`;
		const pluginFile = `${dir}/cni-plugin`;
		return {
			text: `On ${node}, find the CNI configuration file the container runtime uses. Write its full path to ${pathFile} and the name of the CNI plugin it configures (e.g. calico) to ${pluginFile}, both on controlplane.`,
			hint: `The runtime reads the first file in ${CNI_DIR} on each node; the plugin is the "type" of its first plugin.`,
			solution: [`mkdir -p ${dir}`, `ssh ${node} 'ls -d ${CNI_DIR}/*' > ${pathFile}`, `ssh ${node} cat $(cat ${pathFile}) | grep -m1 '"type"' | cut -d'"' -f4 > ${pluginFile}`],
			check(world) {
				const configs = cniConfigs(world, node);
				const first = configs[0];
				const pathRequirement = `${pathFile} holds the path of ${node}'s CNI config file`;
				const pluginRequirement = `${pluginFile} names the CNI plugin`;
				if (!first) return [failed(pathRequirement, `${node} has no CNI config in ${CNI_DIR}`)];
				const results: Check[] = [];
				const path = readAnswerFile(world, 'controlplane', pathFile, pathRequirement);
				results.push('check' in path ? path.check : check(pathRequirement, path.text.trim() === first.path, `${pathFile} holds ${shown(path.text)}; the file is ${first.path}`));
				const plugin = readAnswerFile(world, 'controlplane', pluginFile, pluginRequirement);
				results.push('check' in plugin ? plugin.check : check(pluginRequirement, plugin.text.trim().toLowerCase() === first.type, `${pluginFile} holds ${shown(plugin.text)}; ${first.path} configures ${first.type ?? 'an unreadable plugin'}`));
				return results;
			},
		};
	},
};
