// The least a JavaScript parse of the benchmark's config can do, for bench/config.mjs to time
// beside keepalived-ts: read the file, cut it into lines and words, look each keyword up in its
// block's table and store its value. No diagnostics, positions, includes, checks or model: what is
// left of `keepalived-ts -t` when everything keepalived's parser does is taken away. Its time
// minus a bare node start is the floor under ours on the same machine, in the same run.
//   node bench/config-floor.cjs FILE
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script, like the bin
const { readFileSync } = require('node:fs');

const text = readFileSync(process.argv[2], 'utf8');
const set = (key, toValue) => (block, words) => {
  block[key] = toValue(words[1]);
};
const asIs = (word) => word;
const leaves = new Map([
  ['router_id', set('routerId', asIs)],
  ['state', set('state', asIs)],
  ['interface', set('interface', asIs)],
  ['virtual_router_id', set('vrid', Number)],
  ['priority', set('priority', Number)],
  ['advert_int', set('advertInt', Number)],
  ['auth_type', set('authType', asIs)],
  ['auth_pass', set('authPass', asIs)],
  ['delay_loop', set('delayLoop', Number)],
  ['lb_algo', set('lbAlgo', asIs)],
  ['lb_kind', set('lbKind', asIs)],
  ['protocol', set('protocol', asIs)],
  ['weight', set('weight', Number)],
  ['connect_timeout', set('connectTimeout', Number)],
]);

// A block is an object with its keyword, its words and its children; value lines are children too.
const root = { keyword: 'root', words: [], children: [] };
const open = [root];
let blocks = 0;
const lines = text.split('\n');
for (let i = 0; i < lines.length; i++) {
  const trimmed = lines[i].trim();
  if (trimmed === '') continue;
  const words = trimmed.split(' ');
  const keyword = words[0];
  const block = open[open.length - 1];
  if (keyword === '}') {
    open.pop();
  } else if (words[words.length - 1] === '{') {
    const child = { keyword, words, children: [] };
    block.children.push(child);
    open.push(child);
    blocks++;
  } else {
    const handle = leaves.get(keyword);
    if (handle) handle(block, words);
    else block.children.push(words);
  }
}
if (open.length !== 1 || blocks === 0) process.exitCode = 1;
