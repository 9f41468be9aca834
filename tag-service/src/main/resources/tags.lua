-- Tag state of profiles, changed atomically; the operation is ARGV[1].
--
-- "event": applies one event to one profile, at most once per messageId.
--   KEYS: 1 tags hash (current values and _-prefixed internals), 2 day buckets hash ("e:<day>"
--         events, "o:<day>" orders per UTC epoch day), 3 recent messageIds (sorted set),
--         4 redirect (set when this profile merged into another)
--   ARGV: op, messageId, eventDay, today, isOrder (1/0), revenueCents, eventMillis, nowMillis,
--         dedupeWindow, windowDays, channel
--   Returns {"redirect", "<oneId>:<ordinal>"} when the profile merged away, {} for a duplicate,
--   else {old hash, new hash} as flat pairs.
--
-- "merge": folds an absorbed profile's state into the survivor's and leaves a redirect behind,
--   so events still in flight for the absorbed profile land on the survivor.
--   KEYS: 1-3 survivor tags, days, messageIds; 4 absorbed redirect; 5-7 absorbed tags, days, messageIds
--   ARGV: op, "<survivor oneId>:<ordinal>", today, windowDays, dedupeWindow, redirectTtlSeconds
--   Returns {} when there was nothing to fold (already merged), else {old hash, new hash} of the survivor.
--
-- Both touch only the keys they are given; a merge spans two profiles, so on Redis Cluster the
-- two would need one slot.

local op = ARGV[1]

local function trim(recent, window)
  if redis.call('ZCARD', recent) > window then
    redis.call('ZREMRANGEBYRANK', recent, 0, -window - 1)
  end
end

-- Drops buckets older than the window and writes the windowed counts.
local function windows(tags, buckets, today, windowDays)
  local oldest = today - windowDays + 1
  local events, orders = 0, 0
  local all = redis.call('HGETALL', buckets)
  for i = 1, #all, 2 do
    local field = all[i]
    if tonumber(string.sub(field, 3)) < oldest then
      redis.call('HDEL', buckets, field)
    elseif string.sub(field, 1, 1) == 'e' then
      events = events + tonumber(all[i + 1])
    else
      orders = orders + tonumber(all[i + 1])
    end
  end
  redis.call('HSET', tags, 'event_count_30d', events, 'order_count_30d', orders)
end

local function addSpend(tags, cents)
  redis.call('HSETNX', tags, 'order_count_total', 0)
  local spend = redis.call('HINCRBY', tags, '_spend_cents', cents)
  redis.call('HSET', tags, 'total_spend', string.format('%.2f', spend / 100))
end

-- Moves last_seen_at (with its channel) forward and first_seen_at back.
local function seen(tags, at, channel)
  local last = tonumber(redis.call('HGET', tags, 'last_seen_at') or '-1')
  if at >= last then
    redis.call('HSET', tags, 'last_seen_at', at, 'last_channel', channel)
  end
  local first = redis.call('HGET', tags, 'first_seen_at')
  if not first or at < tonumber(first) then
    redis.call('HSET', tags, 'first_seen_at', at)
  end
end

if op == 'event' then
  local tags, buckets, recent, redirect = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
  local moved = redis.call('GET', redirect)
  if moved then
    return {'redirect', moved}
  end
  local messageId, day, today = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
  local isOrder, cents, at = ARGV[5] == '1', tonumber(ARGV[6]), tonumber(ARGV[7])
  local dedupeWindow, windowDays, channel = tonumber(ARGV[9]), tonumber(ARGV[10]), ARGV[11]
  if redis.call('ZSCORE', recent, messageId) then
    return {}
  end
  redis.call('ZADD', recent, ARGV[8], messageId)
  trim(recent, dedupeWindow)
  local old = redis.call('HGETALL', tags)
  -- Late events land in their own day; events older than the window only count in lifetime tags.
  if day >= today - windowDays + 1 then
    redis.call('HINCRBY', buckets, 'e:' .. day, 1)
    if isOrder then redis.call('HINCRBY', buckets, 'o:' .. day, 1) end
  end
  windows(tags, buckets, today, windowDays)
  redis.call('HSETNX', tags, 'order_count_total', 0)
  if isOrder then
    redis.call('HINCRBY', tags, 'order_count_total', 1)
    addSpend(tags, cents)
  else
    redis.call('HSETNX', tags, 'total_spend', '0.00')
  end
  seen(tags, at, channel)
  return {old, redis.call('HGETALL', tags)}
end

if op == 'merge' then
  local tags, buckets, recent = KEYS[1], KEYS[2], KEYS[3]
  local redirect, aTags, aBuckets, aRecent = KEYS[4], KEYS[5], KEYS[6], KEYS[7]
  local today, windowDays, dedupeWindow = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
  redis.call('SET', redirect, ARGV[2], 'EX', ARGV[6])
  if redis.call('EXISTS', aTags) == 0 and redis.call('EXISTS', aBuckets) == 0 then
    return {}
  end
  local old = redis.call('HGETALL', tags)
  local days = redis.call('HGETALL', aBuckets)
  for i = 1, #days, 2 do
    redis.call('HINCRBY', buckets, days[i], days[i + 1])
  end
  local absorbed = {}
  local flat = redis.call('HGETALL', aTags)
  for i = 1, #flat, 2 do
    absorbed[flat[i]] = flat[i + 1]
  end
  redis.call('HSETNX', tags, 'order_count_total', 0)
  redis.call('HINCRBY', tags, 'order_count_total', tonumber(absorbed['order_count_total'] or '0'))
  addSpend(tags, tonumber(absorbed['_spend_cents'] or '0'))
  if absorbed['first_seen_at'] then
    seen(tags, tonumber(absorbed['first_seen_at']), redis.call('HGET', tags, 'last_channel') or absorbed['last_channel'])
  end
  if absorbed['last_seen_at'] then
    seen(tags, tonumber(absorbed['last_seen_at']), absorbed['last_channel'])
  end
  redis.call('ZUNIONSTORE', recent, 2, recent, aRecent, 'AGGREGATE', 'MAX')
  trim(recent, dedupeWindow)
  redis.call('DEL', aTags, aBuckets, aRecent)
  windows(tags, buckets, today, windowDays)
  return {old, redis.call('HGETALL', tags)}
end

return redis.error_reply('unknown operation ' .. tostring(op))
