/**
 * The Lua scripts the store runs with `EVAL`. Redis runs a script atomically: nothing can write
 * the key between the script's read and its delete, which a GET followed by a DEL cannot promise.
 */

/**
 * Deletes `KEYS[1]` only while it holds the token `ARGV[1]` (compare-and-delete): a refused token
 * is dropped once for everyone, never a fresh one another process has just stored. Returns the
 * number of keys deleted.
 */
export const DELETE_IF_TOKEN = `local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local ok, t = pcall(cjson.decode, v)
if ok and type(t) == 'table' and t.accessToken == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/**
 * Releases the lock `KEYS[1]` only while `ARGV[1]` still owns it: a lock that expired and was
 * taken by another process is left alone. Returns the number of keys deleted.
 */
export const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/**
 * Takes the refresh lock `KEYS[1]` for owner `ARGV[1]` for `ARGV[2]` ms: 1 when taken, 0 when
 * another owner holds it. A lock key without an expiry (a holder that set none and crashed, a
 * manual `SET`, another program) would never free, and every process would wait for it and then
 * request a token of its own, on every refresh, silently: it is taken over with this owner's
 * expiry, and 2 says so. (Giving the old key an expiry instead would leave it held for that long
 * after the processes already waiting gave up on it, so each would still request its own token.)
 */
export const LOCK = `if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('PTTL', KEYS[1]) == -1 then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 2
end
return 0`;
