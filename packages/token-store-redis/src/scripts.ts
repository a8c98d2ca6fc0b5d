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
