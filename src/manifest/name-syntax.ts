// Name and label syntax checks with the API server's exact messages
// (apimachinery util/validation/validation.go, as in Kubernetes v1.31–v1.33). Each returns the
// list of problems, empty when the value is fine, like the Go functions they mirror.

function maxLenError(length: number): string {
	return `must be no more than ${length} characters`;
}

/** validation.RegexError: note the double space Go leaves between examples ("'a',  or 'b'"). */
function regexError(message: string, format: string, ...examples: string[]): string {
	if (examples.length === 0) return `${message} (regex used for validation is '${format}')`;
	const shown = examples.map((example) => `'${example}', `).join(' or ');
	return `${message} (e.g. ${shown}regex used for validation is '${format}')`;
}

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?';
const dns1123Label = new RegExp(`^${dns1123LabelFmt}$`);
const dns1123Subdomain = new RegExp(`^${dns1123SubdomainFmt}$`);
const dns1035Label = new RegExp(`^${dns1035LabelFmt}$`);

export function isDNS1123Label(value: string): string[] {
	const errors: string[] = [];
	if (value.length > 63) errors.push(maxLenError(63));
	if (!dns1123Label.test(value)) {
		if (dns1123Subdomain.test(value)) errors.push('must not contain dots');
		else
			errors.push(
				regexError(
					"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
					dns1123LabelFmt,
					'my-name',
					'123-abc',
				),
			);
	}
	return errors;
}

export function isDNS1123Subdomain(value: string): string[] {
	const errors: string[] = [];
	if (value.length > 253) errors.push(maxLenError(253));
	if (!dns1123Subdomain.test(value))
		errors.push(
			regexError(
				"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
				dns1123SubdomainFmt,
				'example.com',
			),
		);
	return errors;
}

export function isDNS1035Label(value: string): string[] {
	const errors: string[] = [];
	if (value.length > 63) errors.push(maxLenError(63));
	if (!dns1035Label.test(value))
		errors.push(
			regexError(
				"a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
				dns1035LabelFmt,
				'my-name',
				'abc-123',
			),
		);
	return errors;
}

/** IANA_SVC_NAME (validation.IsValidPortName): container port names and named targetPorts. */
export function isValidPortName(value: string): string[] {
	const errors: string[] = [];
	if (value.length > 15) errors.push(maxLenError(15));
	if (!/^[-a-z0-9]+$/.test(value)) errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
	if (!/[a-z]/.test(value)) errors.push('must contain at least one letter (a-z)');
	if (value.includes('--')) errors.push('must not contain consecutive hyphens');
	if (value.startsWith('-') || value.endsWith('-')) errors.push('must not begin or end with a hyphen');
	return errors;
}

const labelKeyFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const labelKeyMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const labelKey = new RegExp(`^${labelKeyFmt}$`);

/** validation.IsQualifiedName: a label key, optionally prefixed by a DNS subdomain and '/'. */
export function isQualifiedName(value: string): string[] {
	const errors: string[] = [];
	const parts = value.split('/');
	let name: string;
	if (parts.length === 1) name = value;
	else if (parts.length === 2) {
		const [prefix = '', rest = ''] = parts;
		name = rest;
		if (prefix === '') errors.push('prefix part must be non-empty');
		else errors.push(...isDNS1123Subdomain(prefix).map((message) => `prefix part ${message}`));
	} else
		return [
			`a qualified name ${regexError(labelKeyMessage, labelKeyFmt, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
		];
	if (name === '') errors.push('name part must be non-empty');
	else if (name.length > 63) errors.push(`name part ${maxLenError(63)}`);
	if (!labelKey.test(name)) errors.push(`name part ${regexError(labelKeyMessage, labelKeyFmt, 'MyName', 'my.name', '123-abc')}`);
	return errors;
}

const labelValueFmt = `(${labelKeyFmt})?`;
const labelValue = new RegExp(`^${labelValueFmt}$`);

export function isValidLabelValue(value: string): string[] {
	const errors: string[] = [];
	if (value.length > 63) errors.push(maxLenError(63));
	if (!labelValue.test(value))
		errors.push(
			regexError(
				"a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
				labelValueFmt,
				'MyValue',
				'my_value',
				'12345',
			),
		);
	return errors;
}
