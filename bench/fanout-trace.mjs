// Loaded into each replica by `BENCH_TRACE=1 npm run bench:fanout` (NODE_OPTIONS=--import): tags each
// chat.postMessage with the time the workspace pacer gave it its turn and the time it left, so the
// fake Slack can tell how late posts leave and how long they take to arrive. Bench only.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../package.json', import.meta.url));
const { Redis } = require('ioredis');
const { WebClient } = require('@slack/web-api');
const posts = new AsyncLocalStorage();

const evalScript = Redis.prototype.eval;
Redis.prototype.eval = function (script, numKeys, key, limit, ...rest) {
  const result = evalScript.call(this, script, numKeys, key, limit, ...rest);
  if (typeof key === 'string' && key.includes(':turns:')) {
    // The channel's turn (limit 1) is asked for first, straight from the delivery: a record for this
    // post, which the workspace's turn (asked for later in the same chain) fills in when it goes.
    if (Number(limit) === 1) {
      if (String(script).includes('HINCRBY')) posts.enterWith({});
    } else if (String(script).includes('cjson')) {
      const post = posts.getStore();
      if (post) result.then((wait) => Number(wait) === 0 && (post.grant = Date.now()), () => undefined);
    }
  }
  return result;
};

const apiCall = WebClient.prototype.apiCall;
WebClient.prototype.apiCall = function (method, options) {
  const post = posts.getStore();
  if (method === 'chat.postMessage' && post?.grant) options = { ...options, _bench_grant: post.grant, _bench_sent: Date.now() };
  return apiCall.call(this, method, options);
};
