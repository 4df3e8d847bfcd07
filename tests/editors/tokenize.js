// SPDX-License-Identifier: GPL-2.0-only
// Tokenises files with a TextMate grammar as VS Code does (vscode-textmate,
// vscode-oniguruma) and prints every token whose scope is invalid.*:
//   node tokenize.js GRAMMAR.json < list-of-files
// prints "FILE:LINE:COL: invalid token 'TEXT' (SCOPE)" lines, then
// "N files, N lines, N tokens, N invalid"; exits 1 if any token is invalid,
// 2 if the grammar cannot be loaded.
'use strict';
const fs = require('fs');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

async function main() {
	const grammarPath = process.argv[2];
	const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
	await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
	const registry = new vsctm.Registry({
		onigLib: Promise.resolve({
			createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
			createOnigString: (s) => new oniguruma.OnigString(s),
		}),
		// The embedded languages (source.python, source.shell) are the
		// editor's own: an empty grammar stands for each, as an include of
		// a grammar the registry lacks would drop the rule around it.
		loadGrammar: async (scope) => scope === 'source.pktdrill'
			? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath)
			: vsctm.parseRawGrammar(JSON.stringify({ scopeName: scope, patterns: [] }),
				`${scope}.json`),
	});
	const grammar = await registry.loadGrammar('source.pktdrill');
	if (!grammar) {
		console.error(`${grammarPath}: cannot load the grammar`);
		process.exit(2);
	}
	const files = fs.readFileSync(0, 'utf8').split('\n').filter((f) => f);
	let lines = 0, tokens = 0, invalid = 0;
	for (const file of files) {
		let stack = vsctm.INITIAL;
		const text = fs.readFileSync(file, 'utf8').split(/\r?\n/);
		text.forEach((line, i) => {
			const r = grammar.tokenizeLine(line, stack);
			lines++;
			for (const t of r.tokens) {
				tokens++;
				const bad = t.scopes.find((s) => s.startsWith('invalid'));
				if (bad) {
					invalid++;
					const what = JSON.stringify(line.slice(t.startIndex, t.endIndex));
					console.log(`${file}:${i + 1}:${t.startIndex + 1}: invalid token ${what} (${bad})`);
				}
			}
			stack = r.ruleStack;
		});
	}
	console.log(`${files.length} files, ${lines} lines, ${tokens} tokens, ${invalid} invalid`);
	process.exit(invalid ? 1 : 0);
}

main().catch((e) => {
	console.error(e);
	process.exit(2);
});
