-- Tag state of profiles, written atomically with an optimistic version check; the operation is
-- ARGV[1]. Java computes the new state; the script only checks and writes, so a change made in
-- between (another instance, the expiry pass, a merge) makes the write return 'conflict' and Java
-- computes again from what is there now.
--
-- Keys of one profile: state hash (rule buckets as JSON per tag, "_v" version, "_o" ordinal,
-- "_s" event-log sequence of the last event applied),
-- tags hash (current values, read by GetTags in one HGETALL), recent messageIds (sorted set),
-- redirect (set when the profile merged into another). Plus the expiry index (sorted set of
-- OneIDs by when a windowed value next changes by itself).
--
-- "read"   KEYS state, tags, moved, msgs  ARGV op, messageIds...
--          -> {state pairs, tags pairs, moved or '', the given messageIds already applied}
-- "commit" KEYS state, tags, msgs, moved, expiry
--          ARGV op, expectedVersion, nowMillis, dedupeWindow, oneId, nextChangeMillis or '',
--               nMessageIds, messageIds..., nState, state pairs..., nTags, tag pairs...
--          -> {'ok'} | {'conflict'} | {'moved', "oneId:ordinal"}
--          (a messageId applied since the read is a conflict: the retry's read leaves it out)
-- "merge"  KEYS survivor state, tags, msgs, expiry, absorbed moved, state, tags, msgs
--          ARGV op, survivorVersion, absorbedVersion, "survivorOneId:ordinal", redirectTtl,
--               dedupeWindow, survivor oneId, absorbed oneId, nextChangeMillis or '',
--               nState, state pairs..., nTags, tag pairs...
--          -> {'ok'} | {'conflict'}
-- A merge spans two profiles, so on Redis Cluster the two would need one slot.

local op = ARGV[1]

local function version(state)
  return tonumber(redis.call('HGET', state, '_v') or '0')
end

-- Replaces a hash with the pairs in ARGV starting at index, preceded by their count; returns the next index.
local function rewrite(key, index, extra)
  redis.call('DEL', key)
  local n = tonumber(ARGV[index])
  local args = {}
  for i = index + 1, index + 2 * n do
    args[#args + 1] = ARGV[i]
  end
  for i = 1, #extra do
    args[#args + 1] = extra[i]
  end
  if #args > 0 then
    redis.call('HSET', key, unpack(args))
  end
  return index + 2 * n + 1
end

local function schedule(expiry, member, next)
  if next == '' then
    redis.call('ZREM', expiry, member)
  else
    redis.call('ZADD', expiry, next, member)
  end
end

local function trim(recent, window)
  if redis.call('ZCARD', recent) > window then
    redis.call('ZREMRANGEBYRANK', recent, 0, -window - 1)
  end
end

if op == 'read' then
  local seen = {}
  for i = 2, #ARGV do
    if redis.call('ZSCORE', KEYS[4], ARGV[i]) then
      seen[#seen + 1] = ARGV[i]
    end
  end
  return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2]), redis.call('GET', KEYS[3]) or '', seen}
end

if op == 'commit' then
  local state, tags, recent, moved, expiry = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
  local target = redis.call('GET', moved)
  if target then
    return {'moved', target}
  end
  local expected = tonumber(ARGV[2])
  if version(state) ~= expected then
    return {'conflict'}
  end
  local nMessages = tonumber(ARGV[7])
  for i = 8, 7 + nMessages do
    if redis.call('ZSCORE', recent, ARGV[i]) then
      return {'conflict'}
    end
  end
  for i = 8, 7 + nMessages do
    redis.call('ZADD', recent, ARGV[3], ARGV[i])
  end
  if nMessages > 0 then
    trim(recent, tonumber(ARGV[4]))
  end
  local next = rewrite(state, 8 + nMessages, {'_v', tostring(expected + 1)})
  rewrite(tags, next, {})
  schedule(expiry, ARGV[5], ARGV[6])
  return {'ok'}
end

if op == 'merge' then
  local state, tags, recent, expiry = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
  local moved, aState, aTags, aRecent = KEYS[5], KEYS[6], KEYS[7], KEYS[8]
  if version(state) ~= tonumber(ARGV[2]) or version(aState) ~= tonumber(ARGV[3]) then
    return {'conflict'}
  end
  redis.call('SET', moved, ARGV[4], 'EX', ARGV[5])
  local next = rewrite(state, 10, {'_v', tostring(tonumber(ARGV[2]) + 1)})
  rewrite(tags, next, {})
  redis.call('ZUNIONSTORE', recent, 2, recent, aRecent, 'AGGREGATE', 'MAX')
  trim(recent, tonumber(ARGV[6]))
  redis.call('DEL', aState, aTags, aRecent)
  redis.call('ZREM', expiry, ARGV[8])
  schedule(expiry, ARGV[7], ARGV[9])
  return {'ok'}
end

if op == 'redirect' then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  return {'ok'}
end

return redis.error_reply('unknown operation ' .. tostring(op))
